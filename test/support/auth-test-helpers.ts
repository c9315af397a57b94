// Typed seed helpers for the authentication tests: a brand, an order with a shipment, a signed-in
// staff member. Kept beside the tests that use them; nothing in the server imports this file. The
// order itself is written by the shared seedOrder in app/test-seed.ts.
import type { FastifyInstance } from "fastify";
import { createStaffUser } from "../../src/app/access/create-staff-user.ts";
import { addBrand } from "../../src/app/brands/add-brand.ts";
import type { StaffRole } from "../../src/app/kernel/actor.ts";
import { SYSTEM } from "../../src/app/kernel/actor.ts";
import { type Db, newId } from "../../src/db/database.ts";
import { CSRF_COOKIE, SESSION_COOKIE } from "../../src/http/auth.ts";
import { seedOrder as seedTestOrder } from "./test-seed.ts";

export const NOW = new Date("2026-03-09T15:00:00Z");
export const PASSWORD = "correct horse battery";

export async function seedBrand(db: Db, slug: string): Promise<string> {
  return (await addBrand(db, { slug, name: slug })).brand.id;
}

export async function seedOrder(
  db: Db,
  o: { brandId: string; number: string; email: string; status?: "placed" | "dispatched" | "delivered" },
): Promise<string> {
  const at = "2026-03-01T10:00:00.000Z";
  const status = o.status ?? "delivered";
  // A one-dress order shipped to Austin, with no payment row and no policy version on the order: the
  // data these tests have always seeded.
  const { orderId: id } = await seedTestOrder(db, {
    brandId: o.brandId,
    number: o.number,
    email: o.email,
    currency: "USD",
    status,
    placedAt: at,
    dispatchedAt: status === "placed" ? null : "2026-03-02T09:00:00.000Z",
    deliveredAt: status === "delivered" ? "2026-03-05T12:00:00.000Z" : null,
    shippingCharged: 800,
    shipTo: {
      phone: null,
      address: { line1: "1 Test Street", city: "Austin", country: "US" },
      country: "US",
    },
    policyVersion: null,
    payment: null,
    lines: [{ key: "1", sku: "DR-22", title: "Linen dress", category: "dresses", unitPrice: 12000 }],
  });
  if (status !== "placed") {
    const shipmentId = newId();
    await db
      .insertInto("shipments")
      .values({
        id: shipmentId,
        order_id: id,
        courier: "DHL",
        tracking_number: "123456789012345678",
        tracking_url: "https://track.example/?code=123456789012345678",
        last_mile_courier: "Local Post",
        last_mile_tracking_number: "LP-998",
        last_mile_contact: "+1 555 0100",
        dispatched_at: "2026-03-02T09:00:00.000Z",
        delivered_at: status === "delivered" ? "2026-03-05T12:00:00.000Z" : null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto("tracking_events")
      .values({
        id: newId(),
        shipment_id: shipmentId,
        status: "in_transit",
        description: "Arrived at sorting hub",
        location: "Memphis",
        occurred_at: "2026-03-03T08:00:00.000Z",
        created_at: at,
      })
      .execute();
  }
  return id;
}

export async function seedStaff(db: Db, role: StaffRole, brandId: string | null = null): Promise<string> {
  const email = `${role}-${newId().slice(-8)}@team.test`;
  const brand = brandId
    ? await db.selectFrom("brands").select("slug").where("id", "=", brandId).executeTakeFirstOrThrow()
    : null;
  await createStaffUser(db, { email, role, password: PASSWORD, brandSlug: brand?.slug ?? null }, SYSTEM, NOW);
  return email;
}

export interface StaffCookies {
  /** Value for the `cookie` request header. */
  readonly cookie: string;
  readonly csrf: string;
}

export async function signIn(
  app: FastifyInstance,
  email: string,
  remoteAddress = "10.9.0.1",
): Promise<StaffCookies> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/staff/login",
    payload: { email, password: PASSWORD },
    remoteAddress,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const jar = new Map(res.cookies.map((c) => [c.name, c.value]));
  const session = jar.get(SESSION_COOKIE);
  const csrf = jar.get(CSRF_COOKIE);
  if (!session || !csrf) throw new Error("sign-in set no session cookies");
  return { cookie: `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${csrf}`, csrf };
}
