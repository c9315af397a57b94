// Where a brand's policy comes from: the bundled example brands under `brands/<slug>/policy.yaml`.
// Policies are cached per process, since evaluation is the hot path and files do not change under it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePolicy } from "../../domain/policy/load.ts";
import type { Policy } from "../../domain/policy/schema.ts";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const BRANDS_DIR = join(PROJECT_ROOT, "brands");

const cache = new Map<string, Policy>();

export function loadPolicyFile(path: string): Policy {
  const hit = cache.get(path);
  if (hit) return hit;
  const policy = parsePolicy(readFileSync(path, "utf8"), path);
  cache.set(path, policy);
  return policy;
}

export function bundledBrandSlugs(dir = BRANDS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "policy.yaml")))
    .map((d) => d.name)
    .sort();
}

/** The bundled policy of a brand, or null when there is no such brand folder. */
export function bundledPolicy(slug: string, dir = BRANDS_DIR): Policy | null {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) return null;
  const path = join(dir, slug, "policy.yaml");
  return existsSync(path) ? loadPolicyFile(path) : null;
}
