// Keeps each brand's built assistant between questions. Building the retrieval index is the costly
// part of answering, so the server builds it once per brand and rebuilds it only when the brand's
// knowledge base changes. The check is one small query per question: the brand's document ids and
// their latest import time. Every import writes a new document id, so a re-import of the same file
// changes the key even within the same millisecond.

import type { Db } from "../../db/database.ts";
import { preparedQuery } from "../../db/prepared.ts";
import { notFound } from "../kernel/errors.ts";
import { type BrandAssistant, loadBrandAssistant } from "./ask-assistant.ts";

export interface BrandAssistantCache {
  /** The brand's assistant, built from its current knowledge base. */
  get(brandSlug: string): Promise<BrandAssistant>;
  /** How many times an index was built (for tests and metrics). */
  readonly builds: number;
}

interface Entry {
  readonly key: string;
  readonly assistant: Promise<BrandAssistant>;
}

// Read on every question; compiled once (see db/prepared.ts). The brand and its documents come in one
// read (a left join: a brand without documents is one row with a null document).
const brandDocuments = preparedQuery((db, slug: string) =>
  db
    .selectFrom("brands")
    .leftJoin("kb_documents", "kb_documents.brand_id", "brands.id")
    .select([
      "brands.id as brandId",
      "brands.slug as slug",
      "kb_documents.id as id",
      "kb_documents.imported_at as imported_at",
    ])
    .where("brands.slug", "=", slug)
    .orderBy("kb_documents.id"),
);

/** The brand, and a key that changes whenever its knowledge base does. Unknown brand: NOT_FOUND. */
async function brandAndKey(
  db: Db,
  slug: string,
): Promise<{ brand: { id: string; slug: string }; key: string }> {
  const rows = await brandDocuments(db, slug);
  const [first] = rows;
  if (!first) throw notFound("brand", slug);
  const ids: string[] = [];
  let latest = "";
  for (const row of rows) {
    if (row.id === null) continue;
    ids.push(row.id);
    if (row.imported_at !== null && row.imported_at > latest) latest = row.imported_at;
  }
  return { brand: { id: first.brandId, slug: first.slug }, key: `${ids.length}|${latest}|${ids.join(",")}` };
}

export function createBrandAssistantCache(
  db: Db,
  options: { readonly portalBaseUrl?: string | undefined } = {},
): BrandAssistantCache {
  const entries = new Map<string, Entry>();
  let builds = 0;
  return {
    get builds() {
      return builds;
    },
    async get(brandSlug) {
      const { brand, key } = await brandAndKey(db, brandSlug);
      const cached = entries.get(brand.id);
      if (cached && cached.key === key) return cached.assistant;
      builds += 1;
      // The promise is cached, so questions arriving while the index builds share one build.
      const assistant = loadBrandAssistant(db, {
        brandSlug: brand.slug,
        portalBaseUrl: options.portalBaseUrl,
      });
      entries.set(brand.id, { key, assistant });
      try {
        return await assistant;
      } catch (error) {
        if (entries.get(brand.id)?.assistant === assistant) entries.delete(brand.id);
        throw error;
      }
    },
  };
}

// One cache per database handle, so every route module of a server shares the same built indexes.
const caches = new WeakMap<Db, Map<string, BrandAssistantCache>>();

export function brandAssistantCacheFor(db: Db, portalBaseUrl?: string): BrandAssistantCache {
  let byPortal = caches.get(db);
  if (!byPortal) {
    byPortal = new Map();
    caches.set(db, byPortal);
  }
  const key = portalBaseUrl ?? "";
  let cache = byPortal.get(key);
  if (!cache) {
    cache = createBrandAssistantCache(db, { portalBaseUrl });
    byPortal.set(key, cache);
  }
  return cache;
}
