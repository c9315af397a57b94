// Seed helpers for the claim, discount and customs tests, on top of test-seed.ts: orders shipped to
// the UK under claim numbers, the actors those tests expect, and tiny but genuine image files.

import type { Actor, StaffRole } from "../../src/app/kernel/actor.ts";
import type { Db } from "../../src/db/database.ts";
import { newId } from "../../src/db/database.ts";
import { type SeededOrder, type SeedOrder, seedOrder, shopperOf, staff } from "./test-seed.ts";

export interface SeededClaimOrder extends SeededOrder {
  readonly brandId: string;
}

let seq = 0;

/** An order shipped to the UK with no phone or address on file, numbered CL-… for claimant N. */
export async function seedClaimOrder(db: Db, seed: SeedOrder): Promise<SeededClaimOrder> {
  seq += 1;
  const order = await seedOrder(db, {
    number: `CL-${seq}-${newId().slice(-6)}`,
    email: `claimant${seq}@example.com`,
    shipTo: { phone: null, address: {}, country: "GB" },
    ...seed,
  });
  return { ...order, brandId: seed.brandId };
}

/** A staff actor with the `<role>-user` id that the claim tests' audit assertions expect. */
export function staffActor(role: StaffRole, brandId: string | null = null): Actor {
  return staff(role, brandId, `${role}-user`);
}

export function shopperActor(order: SeededClaimOrder): Actor {
  return shopperOf(order, order.brandId);
}

/** The first bytes of real image files: enough for content sniffing, which is all the store checks. */
export const IMAGE_BYTES = {
  jpeg: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  png: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
  gif: new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000"),
  webp: new TextEncoder().encode("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "),
  heic: Uint8Array.from([0, 0, 0, 0x18, ...new TextEncoder().encode("ftypheic"), 0, 0, 0, 0]),
} as const;
