// Runs `aftercare orders import FILE` in this process (DATABASE_URL from the environment) and prints,
// after the command's own output, one JSON line for the benchmark: {seconds, maxRssMb, exitCode}. The
// timer starts before the command's modules load, as a person running the command would see it.
//   DATABASE_URL=... node bin/run-ts.mjs bench/lib/import-aftercare.ts FILE
const file = process.argv[2];
if (!file) throw new Error("usage: import-aftercare.ts FILE");
const started = performance.now();
const { run } = await import("../../src/cli/orders.ts");
const exitCode = await run(["import", file]);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, exitCode })}\n`,
);
