// The reliability suite (`npm run test:reliability`): real processes killed, servers under concurrent
// load, PostgreSQL stopped mid-run, backups under writes. Its quick files also run in `npm test`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // The suites start servers and kill processes: one file at a time keeps timings meaningful.
    fileParallelism: false,
  },
});
