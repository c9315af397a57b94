// Stateless, HMAC-signed tokens: the staff session cookie, a shopper's session scoped to one order, and
// the "modify order" link mailed with an order confirmation. Each purpose signs with its own key derived
// from the session secret, so a token minted for one purpose can never be replayed as another, and each
// carries its own expiry so a leaked token stops working on its own.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const STAFF_SESSION_SECONDS = 12 * 60 * 60;
export const SHOPPER_SESSION_SECONDS = 2 * 60 * 60;
/** Links in emails must outlive the order's change window, which is days, not hours. */
export const ORDER_LINK_SECONDS = 30 * 24 * 60 * 60;

export interface StaffSessionClaims {
  readonly purpose: "staff";
  readonly userId: string;
  /** The double-submit CSRF value bound to this session (also sent as a readable cookie). */
  readonly csrf: string;
}

export interface ShopperSessionClaims {
  readonly purpose: "shopper";
  readonly orderId: string;
  readonly brandId: string;
  readonly email: string;
}

export interface OrderLinkClaims {
  readonly purpose: "order_link";
  readonly orderId: string;
}

/** The one-click rating links of a satisfaction survey: one case, used once (the rating is unique per case). */
export interface RatingLinkClaims {
  readonly purpose: "rating";
  readonly caseId: string;
}

export type TokenClaims = StaffSessionClaims | ShopperSessionClaims | OrderLinkClaims | RatingLinkClaims;
type Purpose = TokenClaims["purpose"];
type ClaimsOf<P extends Purpose> = Extract<TokenClaims, { purpose: P }>;

export interface SignedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

// A server has one secret and a handful of purposes; their keys are derived once, not on every request.
const keys = new Map<string, Buffer>();

function keyFor(secret: string, purpose: Purpose): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = createHmac("sha256", secret).update(`aftercare-token:${purpose}`).digest();
    // Tests make many secrets; a long-running server never comes near this.
    if (keys.size >= 64) keys.clear();
    keys.set(id, key);
  }
  return key;
}

function mac(secret: string, purpose: Purpose, payload: string): Buffer {
  return createHmac("sha256", keyFor(secret, purpose)).update(payload).digest();
}

export function signToken(secret: string, claims: TokenClaims, now: Date, ttlSeconds: number): SignedToken {
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const payload = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) }));
  const body = payload.toString("base64url");
  return { token: `${body}.${mac(secret, claims.purpose, body).toString("base64url")}`, expiresAt };
}

// A session token comes back with every request of its session, and checking its signature (an HMAC)
// costs more than the rest of a small request's authorisation. A token that has once verified always
// verifies again with the same secret and purpose, so its claims are kept by the token's text; the
// expiry is still checked on every use. Only tokens that verified are kept, and only the most recent.
const VERIFIED_KEPT = 4096;
const verified = new Map<
  string,
  { readonly secret: string; readonly claims: Readonly<Record<string, unknown>> }
>();

/** The claims of a valid, unexpired token of the given purpose; null for anything else. */
export function verifyToken<P extends Purpose>(
  secret: string,
  token: string,
  purpose: P,
  now: Date,
): ClaimsOf<P> | null {
  const kept = verified.get(token);
  const record = kept && kept.secret === secret ? kept.claims : checkSignature(secret, token, purpose);
  if (!record || record.purpose !== purpose) return null;
  if (typeof record.exp !== "number" || record.exp * 1000 <= now.getTime()) return null;
  return record as unknown as ClaimsOf<P>;
}

function checkSignature(
  secret: string,
  token: string,
  purpose: Purpose,
): Readonly<Record<string, unknown>> | null {
  const dot = token.indexOf(".");
  if (dot <= 0 || token.length > 4096) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = mac(secret, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const claims = Object.freeze(data as Record<string, unknown>);
  // Kept only under the purpose whose key signed it.
  if (claims.purpose !== purpose) return null;
  if (verified.size >= VERIFIED_KEPT) {
    const oldest = verified.keys().next().value;
    if (oldest !== undefined) verified.delete(oldest);
  }
  verified.set(token, { secret, claims });
  return claims;
}

export function newCsrfValue(): string {
  return randomBytes(24).toString("base64url");
}

/** Constant-time comparison of two short secrets (CSRF values, hashes as text). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function signStaffSession(secret: string, userId: string, now: Date): SignedToken & { csrf: string } {
  const csrf = newCsrfValue();
  return { ...signToken(secret, { purpose: "staff", userId, csrf }, now, STAFF_SESSION_SECONDS), csrf };
}

export function signShopperSession(
  secret: string,
  claims: Omit<ShopperSessionClaims, "purpose">,
  now: Date,
): SignedToken {
  return signToken(secret, { purpose: "shopper", ...claims }, now, SHOPPER_SESSION_SECONDS);
}

/** The token behind the "modify order" link in an order confirmation email. */
export function signOrderLink(secret: string, orderId: string, now: Date): SignedToken {
  return signToken(secret, { purpose: "order_link", orderId }, now, ORDER_LINK_SECONDS);
}

/** Survey links stay valid for a month after the case is solved. */
export const RATING_LINK_SECONDS = 30 * 24 * 60 * 60;

export function signRatingLink(secret: string, caseId: string, now: Date): SignedToken {
  return signToken(secret, { purpose: "rating", caseId }, now, RATING_LINK_SECONDS);
}
