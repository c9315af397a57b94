// A shopper signs in to one order, with no account: the order number and the email it was placed with,
// or the signed "modify order" link from the confirmation email. The session token it returns reaches
// that one order only. A wrong number and a wrong email give the very same answer, so the form cannot be
// used to learn which orders exist or whose they are.
import { brandBySlug } from "../../db/brands.ts";
import type { Db } from "../../db/database.ts";
import { AppError } from "../kernel/errors.ts";
import { type SignedToken, signShopperSession, verifyToken } from "./session-tokens.ts";

export interface StartShopperSessionOptions {
  readonly brandSlug: string;
  readonly orderNumber: string;
  readonly email: string;
  readonly sessionSecret: string;
}

export interface ShopperSession extends SignedToken {
  readonly orderId: string;
  readonly orderNumber: string;
}

export const NO_SUCH_ORDER = "We could not find an order with that number and email address.";
const noSuchOrder = () => new AppError("NOT_FOUND", NO_SUCH_ORDER);

/** Shoppers type numbers as they see them: with a leading '#', spaces, or in lower case. */
function numberCandidates(typed: string): string[] {
  const trimmed = typed.trim().replace(/^#/, "").trim();
  return [...new Set([trimmed, trimmed.toUpperCase()])].filter(Boolean);
}

export async function startShopperSession(
  db: Db,
  options: StartShopperSessionOptions,
  now: Date,
): Promise<ShopperSession> {
  const brand = await brandBySlug(db, options.brandSlug);
  const candidates = numberCandidates(options.orderNumber);
  if (!brand || !candidates.length) throw noSuchOrder();
  const order = await db
    .selectFrom("orders")
    .select(["id", "number", "email", "brand_id"])
    .where("brand_id", "=", brand.id)
    .where("number", "in", candidates)
    .executeTakeFirst();
  const email = options.email.trim().toLowerCase();
  if (!order || !email || order.email.trim().toLowerCase() !== email) throw noSuchOrder();
  const token = signShopperSession(
    options.sessionSecret,
    { orderId: order.id, brandId: order.brand_id, email: order.email },
    now,
  );
  return { ...token, orderId: order.id, orderNumber: order.number };
}

/** Exchanges the token of a "modify order" email link for a session on that order. */
export async function startShopperSessionFromLink(
  db: Db,
  options: { readonly brandSlug: string; readonly linkToken: string; readonly sessionSecret: string },
  now: Date,
): Promise<ShopperSession> {
  const claims = verifyToken(options.sessionSecret, options.linkToken, "order_link", now);
  if (!claims)
    throw new AppError("UNAUTHORIZED", "This link has expired or is not valid. Find your order instead.");
  const order = await db
    .selectFrom("orders")
    .innerJoin("brands", "brands.id", "orders.brand_id")
    .select(["orders.id", "orders.number", "orders.email", "orders.brand_id"])
    .where("orders.id", "=", claims.orderId)
    .where("brands.slug", "=", options.brandSlug)
    .executeTakeFirst();
  if (!order) throw noSuchOrder();
  const token = signShopperSession(
    options.sessionSecret,
    { orderId: order.id, brandId: order.brand_id, email: order.email },
    now,
  );
  return { ...token, orderId: order.id, orderNumber: order.number };
}
