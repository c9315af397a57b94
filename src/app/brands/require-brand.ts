// The guard nearly every brand-scoped use case starts with.

import { brandBySlug } from "../../db/brands.ts";
import type { Db } from "../../db/database.ts";
import type { Brand } from "../../db/schema.ts";
import { notFound } from "../kernel/errors.ts";

export async function requireBrand(db: Db, slug: string): Promise<Brand> {
  const brand = await brandBySlug(db, slug);
  if (!brand) throw notFound("brand", slug);
  return brand;
}
