#!/usr/bin/env node
// Entry point for `npx aftercare`: runs the TypeScript CLI through tsx's loader, so there is no build step.
import { register } from "tsx/esm/api";
import { preloadDependencies } from "./native-preload.mjs";

await preloadDependencies(process.argv[2]);
register();
await import("../src/cli/main.ts");
