/**
 * The time reminder passes take as now: AUP_NOW (an ISO time, e.g. 2026-03-02T09:00:00Z) when set,
 * for tests and for rehearsing a date with --dry-run; the real time otherwise.
 */
export function reminderClock(env: NodeJS.ProcessEnv = process.env): () => Date {
  const fixed = env.AUP_NOW?.trim();
  if (!fixed) return () => new Date();
  const time = Date.parse(fixed);
  if (Number.isNaN(time))
    throw new Error(
      `AUP_NOW is ${JSON.stringify(fixed)}, which is not a time. Write it as 2026-03-02T09:00:00Z, or unset it.`,
    );
  return () => new Date(time);
}
