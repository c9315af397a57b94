// Shared by the evaluation scripts of eval/stores: finding a store's help page and comparing an
// answer with an expected phrase the way the shared scorer does.
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Lower case, accents and runs of white space folded, as the shared scorer compares text. */
export const norm = (s: string): string =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** The help page of a store in this folder (any of .html .md .txt .json), or undefined. */
export function storePage(store: string): string | undefined {
  const dir = import.meta.dirname;
  const page = readdirSync(dir).find((f) => f.startsWith(`${store}.`) && !/\.(jsonl|ts)$/.test(f));
  return page === undefined ? undefined : join(dir, page);
}
