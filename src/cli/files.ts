// File reading for commands: a missing or unreadable file is the user's to fix, so it is a plain
// message with exit 1, not a stack trace.
import { open, readFile } from "node:fs/promises";
import { CliError } from "./cli-error.ts";

export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read ${path}: ${reason}`, 1);
  }
}

/** Bytes read from the file at a time by fileLines. */
export const LINE_CHUNK_BYTES = 1 << 20;

/**
 * A text file's lines, as node:readline gives them with `crlfDelay: Infinity` (\n, \r\n and a lone \r
 * each end a line; an empty last line is not given), read in large chunks: readline's per-chunk events
 * and regular-expression split cost more than the import's JSON parsing. A chunk is decoded only up to
 * its last \n, and the undecoded rest is carried over, so a multi-byte character split across two
 * chunks arrives whole (a \n byte is never part of a multi-byte UTF-8 character). The file is opened
 * when the first line is asked for: a reader opened early, with nobody consuming it, would hold the
 * file open for nothing.
 */
export async function* fileLines(path: string, chunkBytes = LINE_CHUNK_BYTES): AsyncGenerator<string> {
  const file = await open(path, "r");
  try {
    let carry = Buffer.alloc(0);
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      const read = chunk.subarray(0, bytesRead);
      const lastNewline = read.lastIndexOf(0x0a);
      if (lastNewline === -1) {
        carry = Buffer.concat([carry, read]);
        continue;
      }
      const head = carry.length ? Buffer.concat([carry, read.subarray(0, lastNewline + 1)]) : read;
      const text = head.toString("utf8", 0, carry.length + lastNewline + 1);
      // Copied, not a view: the chunk buffer is overwritten by the next read.
      carry = Buffer.from(read.subarray(lastNewline + 1));
      yield* linesOf(text, false);
    }
    if (carry.length) yield* linesOf(carry.toString("utf8"), true);
  } finally {
    await file.close();
  }
}

/**
 * How many of fileLines' lines are not blank (`line.trim() !== ""`), for an import's progress total,
 * without decoding the file: line ends (\n, \r\n, a lone \r) are found in the bytes, and a line is
 * decoded only when its first byte cannot settle it (a space, a control or a non-ASCII byte; a JSON
 * line starts with "{"). Reading a 900 MB file this way takes a fraction of decoding it.
 */
export async function countNonBlankLines(path: string, chunkBytes = LINE_CHUNK_BYTES): Promise<number> {
  const file = await open(path, "r");
  let count = 0;
  // Where the scan is: at the start of a line, inside a line already counted, or inside a line whose
  // bytes are kept to be decoded. Empty lines count for nothing, so \r\n may as well be two ends.
  let atStart = true;
  let unsettled: Buffer[] | undefined;
  const settle = () => {
    if (unsettled && Buffer.concat(unsettled).toString("utf8").trim()) count++;
    unsettled = undefined;
  };
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      let keptFrom = 0;
      const view = chunk.subarray(0, bytesRead);
      // Inside a line, its end is found by the native search when the chunk holds no \r at all (the
      // usual JSON Lines file); a \r anywhere means each byte is looked at.
      const newlinesOnly = view.indexOf(0x0d) === -1;
      for (let i = 0; i < bytesRead; i++) {
        if (!atStart && newlinesOnly) {
          const end = view.indexOf(0x0a, i);
          if (end === -1) break;
          i = end;
        }
        const byte = chunk[i] as number;
        if (byte === 0x0a || byte === 0x0d) {
          if (unsettled) {
            unsettled.push(Buffer.from(chunk.subarray(keptFrom, i)));
            settle();
          }
          atStart = true;
          continue;
        }
        if (!atStart) continue;
        atStart = false;
        if (byte > 0x20 && byte < 0x7f) count++;
        else {
          unsettled = [];
          keptFrom = i;
        }
      }
      if (unsettled) unsettled.push(Buffer.from(chunk.subarray(keptFrom, bytesRead)));
      keptFrom = 0;
    }
    settle();
  } finally {
    await file.close();
  }
  return count;
}

/** The lines of text that ends with \n (or, at the end of the file, with anything). */
function* linesOf(text: string, last: boolean): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let line = text.slice(start, end);
    start = end + 1;
    if (line.includes("\r")) {
      if (end < text.length && line.endsWith("\r")) line = line.slice(0, -1);
      const parts = line.split("\r");
      // At the end of the file a trailing lone \r leaves an empty last piece, which readline drops.
      if (last && start >= text.length && parts.at(-1) === "") parts.pop();
      yield* parts;
    } else {
      yield line;
    }
  }
}
