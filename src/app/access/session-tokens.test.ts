import { describe, expect, it } from "vitest";
import {
  sameSecret,
  signOrderLink,
  signShopperSession,
  signStaffSession,
  verifyToken,
} from "./session-tokens.ts";

const SECRET = "a-long-enough-session-secret-for-tests-01";
const NOW = new Date("2026-03-09T15:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe("session tokens", () => {
  it("round-trips claims until the token expires", () => {
    const { token, expiresAt } = signShopperSession(
      SECRET,
      { orderId: "o1", brandId: "b1", email: "a@b.c" },
      NOW,
    );
    expect(expiresAt.toISOString()).toBe("2026-03-09T17:00:00.000Z");
    expect(verifyToken(SECRET, token, "shopper", later(119 * 60_000))).toMatchObject({
      orderId: "o1",
      email: "a@b.c",
    });
    expect(verifyToken(SECRET, token, "shopper", later(120 * 60_000))).toBeNull();
  });

  it("refuses another secret, another purpose and any edited byte", () => {
    const staff = signStaffSession(SECRET, "u1", NOW);
    expect(verifyToken(SECRET, staff.token, "staff", NOW)).toMatchObject({ userId: "u1", csrf: staff.csrf });
    expect(verifyToken(`${SECRET}x`, staff.token, "staff", NOW)).toBeNull();
    expect(verifyToken(SECRET, staff.token, "shopper", NOW)).toBeNull();
    const link = signOrderLink(SECRET, "o1", NOW).token;
    expect(verifyToken(SECRET, link, "order_link", later(29 * 86_400_000))).toMatchObject({ orderId: "o1" });
    expect(verifyToken(SECRET, link, "shopper", NOW)).toBeNull();
    for (let i = 0; i < link.length; i += 7) {
      const edited = `${link.slice(0, i)}${link[i] === "A" ? "B" : "A"}${link.slice(i + 1)}`;
      if (edited !== link) expect(verifyToken(SECRET, edited, "order_link", NOW)).toBeNull();
    }
    expect(verifyToken(SECRET, "garbage", "staff", NOW)).toBeNull();
    expect(verifyToken(SECRET, ".", "staff", NOW)).toBeNull();
  });

  it("compares secrets without accepting empty or different-length values", () => {
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abc", "abd")).toBe(false);
    expect(sameSecret("", "")).toBe(false);
    expect(sameSecret("abc", "abcd")).toBe(false);
  });
});

describe("session tokens checked again", () => {
  it("still expire, and still refuse another secret or purpose, once verified", () => {
    const { token } = signShopperSession(SECRET, { orderId: "o2", brandId: "b1", email: "x@y.z" }, NOW);
    for (let i = 0; i < 3; i++)
      expect(verifyToken(SECRET, token, "shopper", later(60_000))).toMatchObject({ orderId: "o2" });
    expect(verifyToken(SECRET, token, "shopper", later(120 * 60_000))).toBeNull();
    expect(verifyToken(`${SECRET}x`, token, "shopper", NOW)).toBeNull();
    expect(verifyToken(SECRET, token, "staff", NOW)).toBeNull();
    expect(verifyToken(SECRET, token, "shopper", NOW)).toMatchObject({ orderId: "o2" });
  });

  it("keep working when more tokens are verified than are kept", () => {
    const tokens = Array.from(
      { length: 5000 },
      (_, i) => signShopperSession(SECRET, { orderId: `o${i}`, brandId: "b1", email: "x@y.z" }, NOW).token,
    );
    for (const [i, token] of tokens.entries())
      expect(verifyToken(SECRET, token, "shopper", NOW)?.orderId).toBe(`o${i}`);
    expect(verifyToken(SECRET, tokens[0] ?? "", "shopper", NOW)?.orderId).toBe("o0");
    expect(verifyToken(SECRET, tokens[4999] ?? "", "shopper", NOW)?.orderId).toBe("o4999");
  });
});
