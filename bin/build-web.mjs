#!/usr/bin/env node
// Builds the web front end (web/ → web/dist) with Vite and prints the size of each page's JavaScript.
// `--if-needed` (what `npm install` runs) skips the build when web/dist is newer than every source file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "web");
const dist = join(web, "dist");

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    if (name === "dist" || name === "node_modules") continue;
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

function builtAt() {
  try {
    return statSync(join(dist, "index.html")).mtimeMs;
  } catch {
    return 0;
  }
}

export function entrySizes() {
  const sizes = [];
  for (const page of ["index.html", "console/index.html"]) {
    let html;
    try {
      html = readFileSync(join(dist, page), "utf8");
    } catch {
      continue;
    }
    // The page's first load: its entry script and the modules it preloads.
    const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const bytes = readFileSync(join(dist, file));
      raw += bytes.length;
      gzip += gzipSync(bytes).length;
    }
    sizes.push({ page, files: files.length, raw, gzip });
  }
  return sizes;
}

export async function buildWeb({ ifNeeded = false, quiet = false } = {}) {
  if (ifNeeded && builtAt() > newest(web)) {
    if (!quiet) process.stdout.write("web: web/dist is up to date\n");
    return;
  }
  const { build } = await import("vite");
  // Always React's production build, even when called from the tests (where NODE_ENV is "test").
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: join(web, "vite.config.ts"),
      mode: "production",
      logLevel: quiet ? "warn" : "info",
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  for (const s of entrySizes()) {
    process.stdout.write(
      `web: ${relative(root, join(dist, s.page))} loads ${s.files} script(s): ${(s.raw / 1024).toFixed(1)} KB, ` +
        `${(s.gzip / 1024).toFixed(1)} KB gzip (budget 200 KB gzip)\n`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb({ ifNeeded: process.argv.includes("--if-needed") }).catch((error) => {
    process.stderr.write(`web build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
