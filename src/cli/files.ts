// File reading for commands: a missing or unreadable file is the user's to fix, so it is a plain
// message with exit 1, not a stack trace.
import { readFile } from "node:fs/promises";
import { CliError } from "./cli-error.ts";

export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read ${path}: ${reason}`, 1);
  }
}
