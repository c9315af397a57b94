import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IMAGE_BYTES } from "../../../test/support/claims-test-seed.ts";
import { isAppError } from "../kernel/errors.ts";
import { createEvidenceStorage, detectImageType } from "./evidence-storage.ts";

const dataDir = mkdtempSync(join(tmpdir(), "aftercare-evidence-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("detectImageType", () => {
  it("recognises each accepted image by its first bytes", () => {
    expect(detectImageType(IMAGE_BYTES.jpeg)?.contentType).toBe("image/jpeg");
    expect(detectImageType(IMAGE_BYTES.png)?.contentType).toBe("image/png");
    expect(detectImageType(IMAGE_BYTES.gif)?.contentType).toBe("image/gif");
    expect(detectImageType(IMAGE_BYTES.webp)?.contentType).toBe("image/webp");
    expect(detectImageType(IMAGE_BYTES.heic)?.contentType).toBe("image/heic");
  });

  it("refuses text, PDFs, SVG and truncated headers whatever they are called", () => {
    expect(detectImageType(new TextEncoder().encode("just some notes, saved as photo.jpg"))).toBeNull();
    expect(detectImageType(new TextEncoder().encode("%PDF-1.7\n"))).toBeNull();
    expect(detectImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectImageType(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(detectImageType(new TextEncoder().encode("RIFF\u0024\u0000\u0000\u0000WAVEfmt "))).toBeNull();
  });
});

describe("evidence storage", () => {
  const storage = createEvidenceStorage({ dataDir, maxBytes: 64 });

  it("stores an image under uploads/ with a random name and its checksum", async () => {
    const a = await storage.save(IMAGE_BYTES.png);
    const b = await storage.save(IMAGE_BYTES.png);
    expect(a.storageName).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(a.storageName).not.toBe(b.storageName);
    expect(a).toMatchObject({ contentType: "image/png", sizeBytes: IMAGE_BYTES.png.length });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(join(dataDir, "uploads"))).toEqual(
      expect.arrayContaining([a.storageName, b.storageName]),
    );
    expect(Buffer.from(await storage.read(a.storageName)).equals(Buffer.from(IMAGE_BYTES.png))).toBe(true);
    await storage.remove(b.storageName);
    expect(readdirSync(join(dataDir, "uploads"))).not.toContain(b.storageName);
  });

  it("refuses a non-image and an oversized file without writing anything", async () => {
    const before = readdirSync(join(dataDir, "uploads")).length;
    const text = storage.save(new TextEncoder().encode("hello, this is not a photo"));
    await expect(text).rejects.toSatisfy(
      (e) => isAppError(e, "VALIDATION") && (e.details as { code: string }).code === "UNSUPPORTED_FILE_TYPE",
    );
    const big = new Uint8Array(65);
    big.set(IMAGE_BYTES.jpeg);
    await expect(storage.save(big)).rejects.toSatisfy(
      (e) => isAppError(e, "VALIDATION") && (e.details as { code: string }).code === "FILE_TOO_LARGE",
    );
    expect(readdirSync(join(dataDir, "uploads"))).toHaveLength(before);
  });

  it("never reads a path built from anything but its own names", async () => {
    await expect(storage.read("../../etc/passwd")).rejects.toSatisfy((e) => isAppError(e, "VALIDATION"));
  });
});
