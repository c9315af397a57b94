// Flag parsing shared by the commands: node:util parseArgs, with its errors turned into usage errors
// that name the command, instead of a stack trace.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError } from "./cli-error.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${command}: ${message}`);
  }
}
