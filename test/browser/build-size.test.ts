// The portal's first load stays small on a phone connection: its entry script and what it preloads
// are at most 200 KB gzip (pages a visit may never reach load on demand).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureWebBuilt, ROOT } from "./harness.ts";

describe("web build", () => {
  it("keeps the portal's first-load JavaScript within 200 KB gzip", async () => {
    await ensureWebBuilt();
    const { entrySizes } = (await import(join(ROOT, "bin", "build-web.mjs"))) as {
      entrySizes: () => { page: string; files: number; raw: number; gzip: number }[];
    };
    const portal = entrySizes().find((s) => s.page === "index.html");
    expect(portal?.files).toBeGreaterThan(0);
    expect(portal?.gzip).toBeGreaterThan(10_000);
    expect(portal?.gzip).toBeLessThanOrEqual(200 * 1024);
  }, 120_000);
});
