// Row ids, in a module of their own so scripts (the bench floor) can make the same ids without the
// database drivers.
import { randomFillSync, randomInt } from "node:crypto";

/**
 * A fresh id for a row: ids are text on both databases and made here, not by the database. They are
 * UUIDs of version 7 (RFC 9562): the first 48 bits are the time in milliseconds and a counter keeps
 * ids of one process in order within a millisecond, so new rows land at the end of every primary-key
 * index instead of at random pages (an import writes a fraction of the pages); 62 bits stay random.
 * The start of an id is the clock: for a short unique tag take the end (`newId().slice(-8)`).
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms = ++lastMs;
      counter = randomInt(0, 0x800);
    }
  } else {
    lastMs = ms;
    counter = randomInt(0, 0x800);
  }
  if (poolAt + 8 > ID_POOL.length) {
    randomFillSync(ID_POOL);
    poolAt = 0;
  }
  const p = poolAt;
  poolAt += 8;
  // Bytes read one by one into the template, without a helper closure: an import makes several ids
  // per order, and this is on its hot path.
  const pool = ID_POOL;
  if (ms !== prefixMs) {
    prefixMs = ms;
    const high = Math.floor(ms / 0x10000);
    prefix = `${high.toString(16).padStart(8, "0")}-${(ms & 0xffff).toString(16).padStart(4, "0")}-`;
  }
  const version = (0x7000 | counter).toString(16);
  return (
    `${prefix}${version}-${HEX[0x80 | ((pool[p] ?? 0) & 0x3f)]}${HEX[pool[p + 1] ?? 0]}-` +
    `${HEX[pool[p + 2] ?? 0]}${HEX[pool[p + 3] ?? 0]}${HEX[pool[p + 4] ?? 0]}` +
    `${HEX[pool[p + 5] ?? 0]}${HEX[pool[p + 6] ?? 0]}${HEX[pool[p + 7] ?? 0]}`
  );
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const ID_POOL = Buffer.alloc(8 * 512);
let poolAt = ID_POOL.length;
let lastMs = 0;
let counter = 0;
/** The time part of ids made within one millisecond, kept while the millisecond lasts. */
let prefixMs = -1;
let prefix = "";
