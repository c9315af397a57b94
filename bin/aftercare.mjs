#!/usr/bin/env node
// Entry point for `npx aftercare`. It runs the CLI compiled into one file (see ./compiled-cli.mjs),
// rebuilt by itself whenever src/ changes, so there is no build step to remember. With
// AFTERCARE_FROM_SOURCE=1, or when the compiler is not installed, it runs the TypeScript sources
// through tsx's loader instead.
import { pathToFileURL } from "node:url";

const compiled =
  process.env.AFTERCARE_FROM_SOURCE === "1"
    ? undefined
    : await (await import("./compiled-cli.mjs")).compiledCli();
if (compiled) {
  // Stack traces name the TypeScript sources' lines.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import("tsx/esm/api");
  const { preloadDependencies } = await import("./native-preload.mjs");
  await preloadDependencies(process.argv[2]);
  register();
  await import("../src/cli/main.ts");
}
