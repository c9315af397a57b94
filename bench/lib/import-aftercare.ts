// Runs `aftercare orders import FILE` in this process (DATABASE_URL from the environment) and prints,
// after the command's own output, one JSON line for the benchmark: {seconds, maxRssMb, exitCode}. The
// time is counted from the start of the process (performance.now()'s origin), so loading the command's
// modules, tsx and the dependencies bin/run-ts.mjs loads before it are all in it, as a person running
// the command would see it.
//   DATABASE_URL=... node bin/run-ts.mjs bench/lib/import-aftercare.ts FILE
const file = process.argv[2];
if (!file) throw new Error("usage: import-aftercare.ts FILE");
const { run } = await import("../../src/cli/orders.ts");
const exitCode = await run(["import", file]);
const seconds = performance.now() / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, exitCode })}\n`,
);
