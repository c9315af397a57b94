import { defineConfig } from "vitest/config";

// Two projects: unit and API tests run files in parallel; browser tests (each starts `aftercare serve`
// and Chromium) run one file at a time so they never starve each other of the machine's cores.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits 1 s by default: too short for a mutation and its refetch in Chromium on a busy
    // CI machine (the inbox's keyboard assign once missed it). Conditions still fail when never met.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // The long reliability suites run with `npm run test:reliability`; its quick files run here too.
          include: ["src/**/*.test.ts", "test/*.test.ts", "test/reliability/*.test.ts"],
          exclude: ["**/node_modules/**", "test/reliability/**/*.slow.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
