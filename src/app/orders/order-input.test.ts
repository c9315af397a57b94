import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  decimalToMinor,
  orderStatusMove,
  trackingNumberFromUrl,
  ZOrderInput,
} from "./order-input.ts";

describe("order input", () => {
  it("reads the 18-digit tracking code after '=' in a courier link", () => {
    expect(trackingNumberFromUrl("https://track.example.com/parcel?ref=420000000000123456")).toBe(
      "420000000000123456",
    );
    expect(trackingNumberFromUrl("https://t.example/?a=1&id=123456789012345678&lang=en")).toBe(
      "123456789012345678",
    );
    expect(trackingNumberFromUrl("https://t.example/?id=12345")).toBeUndefined();
    expect(trackingNumberFromUrl("https://t.example/?id=1234567890123456789")).toBeUndefined();
    expect(trackingNumberFromUrl(undefined)).toBeUndefined();
  });

  it("turns decimal strings into minor units exactly, by the currency's digits", () => {
    expect(decimalToMinor("12.50", "USD")).toBe(1250);
    expect(decimalToMinor("0.1", "GBP")).toBe(10);
    expect(decimalToMinor("19.99", "EUR")).toBe(1999);
    // 1.005 * 100 is 100.49999… as a float; string arithmetic refuses the extra digit instead.
    expect(() => decimalToMinor("1.005", "USD")).toThrow(/decimals/);
    expect(decimalToMinor("1.000", "USD")).toBe(100);
    expect(decimalToMinor("1500", "JPY")).toBe(1500);
    expect(decimalToMinor("4.10", "USD")).toBe(410);
    expect(() => decimalToMinor("abc", "USD")).toThrow();
  });

  it("moves status forward only", () => {
    expect(orderStatusMove("placed", "dispatched")).toEqual({ kind: "forward", to: "dispatched" });
    expect(orderStatusMove("placed", "delivered")).toEqual({ kind: "forward", to: "delivered" });
    expect(orderStatusMove("delivered", "dispatched")).toEqual({ kind: "stale" });
    expect(orderStatusMove("cancelled", "placed")).toEqual({ kind: "stale" });
    expect(orderStatusMove("placed", "cancelled")).toEqual({ kind: "forward", to: "cancelled" });
    expect(orderStatusMove("dispatched", "cancelled").kind).toBe("invalid");
    expect(orderStatusMove("placed", "placed")).toEqual({ kind: "same" });
  });

  it("validates an order and explains what is wrong", () => {
    const bad = ZOrderInput.safeParse({
      brand: "kallesia",
      number: "K-1",
      email: "not-an-email",
      placedAt: "2026-11-01T10:00:00Z",
      currency: "GBP",
      payment: { method: "card" },
      lines: [{ id: "1", unitPrice: 10.5, quantity: 1 }],
    });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["email", "lines.0.unitPrice"]);
    const untracked = ZOrderInput.safeParse({
      brand: "kallesia",
      number: "K-1",
      email: "a@example.com",
      placedAt: "2026-11-01T10:00:00Z",
      currency: "GBP",
      payment: { method: "card" },
      lines: [{ id: "1", unitPrice: 1050, quantity: 1, returnedQuantity: 2 }],
      shipments: [{ trackingUrl: "https://t.example/?id=12" }],
    });
    expect(untracked.error?.issues.map((i) => i.path.join("."))).toEqual([
      "lines.0.returnedQuantity",
      "shipments.0",
    ]);
  });

  it("compares addresses regardless of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
