// Where shoppers' claim photos are kept: under the data folder, one file per upload, named at random.
// What a file is gets decided from its first bytes, never from the name or the declared type the
// browser sent, so a text file renamed to .jpg is refused; the uploader's file name never becomes part
// of a path, so it cannot point anywhere else on the disk.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { AppError } from "../kernel/errors.ts";

export const DEFAULT_MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface ImageType {
  readonly contentType: "image/jpeg" | "image/png" | "image/webp" | "image/gif" | "image/heic" | "image/heif";
  readonly extension: "jpg" | "png" | "webp" | "gif" | "heic" | "heif";
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

// ISO-BMFF brands phones write for HEIC stills and sequences; `mif1`/`msf1` are the generic HEIF ones.
const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis"]);
const HEIF_BRANDS = new Set(["mif1", "msf1"]);

/** The image type the bytes really are, or null when they are not one of the accepted kinds. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { contentType: "image/jpeg", extension: "jpg" };
  }
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) {
    return { contentType: "image/png", extension: "png" };
  }
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) {
    return { contentType: "image/gif", extension: "gif" };
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") {
    return { contentType: "image/webp", extension: "webp" };
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === "ftyp") {
    const brand = ascii(bytes, 8, 12);
    if (HEIC_BRANDS.has(brand)) return { contentType: "image/heic", extension: "heic" };
    if (HEIF_BRANDS.has(brand)) return { contentType: "image/heif", extension: "heif" };
  }
  return null;
}

export interface StoredEvidenceFile {
  /** Random name under the uploads folder, e.g. `3f1c…e9.jpg`. */
  readonly storageName: string;
  readonly contentType: ImageType["contentType"];
  readonly sizeBytes: number;
  readonly sha256: string;
}

export interface EvidenceStorage {
  readonly maxBytes: number;
  /** Checks and writes one upload; throws VALIDATION for a non-image or an oversized file. */
  save(bytes: Uint8Array): Promise<StoredEvidenceFile>;
  read(storageName: string): Promise<Buffer>;
  /** Undoes a save whose database row could not be written. */
  remove(storageName: string): Promise<void>;
  /** Absolute folder the files live in (for backups and tests). */
  readonly dir: string;
}

const STORAGE_NAME = /^[0-9a-f]{32}\.(jpg|png|webp|gif|heic|heif)$/;

export interface EvidenceStorageOptions {
  /** The install's data folder (`config.dataDir`); files go to its `uploads` sub-folder. */
  readonly dataDir: string;
  readonly maxBytes?: number;
}

export function createEvidenceStorage(options: EvidenceStorageOptions): EvidenceStorage {
  const dir = resolve(options.dataDir, "uploads");
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  const pathOf = (storageName: string) => {
    if (!STORAGE_NAME.test(storageName)) throw new AppError("VALIDATION", "not an evidence file name");
    return join(dir, storageName);
  };
  return {
    dir,
    maxBytes,
    async save(bytes) {
      if (bytes.length === 0) throw new AppError("VALIDATION", "The file is empty.", { code: "EMPTY_FILE" });
      if (bytes.length > maxBytes) {
        throw new AppError("VALIDATION", `Photos may be at most ${Math.floor(maxBytes / 1024 / 1024)} MB.`, {
          code: "FILE_TOO_LARGE",
          maxBytes,
        });
      }
      const type = detectImageType(bytes);
      if (!type) {
        throw new AppError("VALIDATION", "Only photos can be uploaded: JPEG, PNG, WebP, GIF or HEIC.", {
          code: "UNSUPPORTED_FILE_TYPE",
        });
      }
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const storageName = `${randomUUID().replaceAll("-", "")}.${type.extension}`;
      // `wx`: never overwrite an existing file, even in the unlikely event of a name collision.
      await writeFile(pathOf(storageName), bytes, { flag: "wx", mode: 0o600 });
      return {
        storageName,
        contentType: type.contentType,
        sizeBytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      };
    },
    read: async (storageName) => readFile(pathOf(storageName)),
    remove: async (storageName) => rm(pathOf(storageName), { force: true }),
  };
}
