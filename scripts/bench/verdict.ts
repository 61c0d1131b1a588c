/** How BENCHMARKS.md judges a figure against its budget. */
export const verdict = (ok: boolean) => (ok ? "within budget" : "**over budget**");
