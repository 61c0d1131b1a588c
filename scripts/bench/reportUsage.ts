// Preloaded with `node --import` by the benchmarks: reports the process's wall time and peak memory on exit.
const started = performance.now();
process.on("exit", () => {
  process.stderr.write(
    `${JSON.stringify({ seconds: (performance.now() - started) / 1000, maxRss: process.resourceUsage().maxRSS })}\n`,
  );
});
