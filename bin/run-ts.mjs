#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts) with tsx's loader: `node bin/run-ts.mjs FILE.ts [args]`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import { preloadDependencies } from "./native-preload.mjs";

// Benchmarks and scripts open the store: load its drivers before tsx takes over module loading.
await preloadDependencies("script");
register();
const file = process.argv[2];
if (!file) {
  console.error("usage: run-ts.mjs FILE.ts [args]");
  process.exit(2);
}
process.argv.splice(2, 1);
await import(pathToFileURL(resolve(file)).href);
