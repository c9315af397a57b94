// The CLI as one JavaScript file, compiled from src/ with esbuild and kept in .cache/aftercare/cli
// (git-ignored). Running it costs less than running the TypeScript sources through tsx's loader: no
// loader thread with its own JavaScript heap (about 30 MB of resident memory in a long-running server)
// and no per-module transform on start. The file is rebuilt when any source file changes: a stamp of
// every file's path, size and modification time is written on its first line and compared on each
// start (about 310 files, a few milliseconds). The bundle sits three folders below the project root, as the
// sources do (src/app/brands/…), so paths the code derives from its own location stay the same.
//
// Several processes may start at once (tests, instances of one server): each writes its build to a
// file of its own and renames it into place, so a reader never sees half a file, and the stamp travels
// inside the file it describes. The source map is written beside it for stack traces.
import { createHash } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const STAMP_PREFIX = "// aftercare source stamp ";

function listSources(dir, into) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listSources(path, into);
    else if (!entry.name.endsWith(".test.ts")) into.push(path);
  }
  return into;
}

/** A digest of what the bundle is built from: every source file's path, size and modification time. */
export function sourceStamp(root = PROJECT_ROOT) {
  const files = listSources(join(root, "src"), [join(root, "package.json"), join(root, "tsconfig.json")]);
  files.sort();
  const hash = createHash("sha256").update(process.version);
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** Where the bundle of a project's CLI is kept. */
export function bundlePath(root = PROJECT_ROOT) {
  return join(root, ".cache", "aftercare", "cli", "main.mjs");
}

function readStamp(bundle) {
  try {
    const fd = openSync(bundle, "r");
    try {
      const head = Buffer.alloc(STAMP_PREFIX.length + 64);
      const read = readSync(fd, head, 0, head.length, 0);
      const line = head.subarray(0, read).toString("utf8");
      return line.startsWith(STAMP_PREFIX) ? line.slice(STAMP_PREFIX.length) : "";
    } finally {
      closeSync(fd);
    }
  } catch {
    return "";
  }
}

/**
 * The path of an up-to-date bundle of the CLI, building it when the sources changed; undefined when it
 * cannot be built (esbuild missing), in which case the caller runs the sources through tsx.
 */
export async function compiledCli(root = PROJECT_ROOT) {
  const stamp = sourceStamp(root);
  const bundle = bundlePath(root);
  if (readStamp(bundle) === stamp) return bundle;
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return undefined;
  }
  mkdirSync(dirname(bundle), { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(root, "src", "cli", "main.ts")],
    outfile: bundle,
    absWorkingDir: root,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    packages: "external",
    banner: { js: `${STAMP_PREFIX}${stamp}` },
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    logLevel: "silent",
  });
  // The map first: a bundle in place always has its map beside it.
  const unique = `${process.pid}.${Date.now()}.tmp`;
  for (const suffix of [".map", ""]) {
    const file = result.outputFiles.find((output) => output.path === `${bundle}${suffix}`);
    if (!file) throw new Error(`esbuild wrote no ${bundle}${suffix}`);
    writeFileSync(`${file.path}.${unique}`, file.contents);
    renameSync(`${file.path}.${unique}`, file.path);
  }
  return bundle;
}
