// Reading parts of a large read-only file (the word vectors, WordNet's data files) by offset, so a
// process keeps in memory only the parts it uses instead of the whole file.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** A reader of `length` bytes at `offset`; fewer only at the end of the file (never past it). */
export type FileReader = ((offset: number, length: number) => Buffer) & { readonly size: number };

/**
 * Opens `path` once, for the life of the process. `read(offset, length)` returns exactly `length`
 * bytes, or throws when the file ends first (a cut file), unless `partialAtEnd` is set, when it
 * returns what there is.
 */
export function fileReader(path: string, options: { partialAtEnd?: boolean } = {}): FileReader {
  const fd = openSync(path, "r");
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const read = (offset: number, length: number): Buffer => {
    const want = options.partialAtEnd ? Math.max(0, Math.min(length, size - offset)) : length;
    const bytes = Buffer.alloc(want);
    let done = 0;
    while (done < want) {
      const n = readSync(fd, bytes, done, want - done, offset + done);
      if (n === 0)
        throw new Error(`${path} ends early (at byte ${offset + done} of a read to ${offset + length})`);
      done += n;
    }
    return bytes;
  };
  return Object.assign(read, { size });
}
