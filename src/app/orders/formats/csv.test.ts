import { describe, expect, it } from "vitest";
import { ZOrderInput } from "../order-input.ts";
import { parseCsv } from "./csv.ts";

const header =
  "brand,number,email,placed_at,status,currency,shipping_charged,discount_total,payment_method,payment_cleared,shipping_country,line_id,sku,title,category,unit_price,quantity,final_sale,on_sale";

describe("CSV orders", () => {
  it("groups one row per line into orders, money from decimals exactly", () => {
    const csv = [
      header,
      "kallesia,K-1,a@example.com,2026-11-01T10:00:00Z,placed,GBP,4.95,0,e_cheque,false,MX,1,DR-1,Silk dress,dresses,89.90,1,false,false",
      "kallesia,K-1,a@example.com,2026-11-01T10:00:00Z,placed,GBP,4.95,0,e_cheque,false,MX,2,TP-1,Top,tops,19.99,2,yes,true",
      "kallesia,K-2,b@example.com,2026-11-02T10:00:00Z,delivered,GBP,0,1.10,card,,GB,1,SK-1,Skirt,skirts,40.30,3,,",
    ].join("\n");
    const records = parseCsv(csv);
    expect(records.map((r) => r.line)).toEqual([2, 4]);
    const first = ZOrderInput.parse(records[0]?.data);
    expect(first).toMatchObject({
      number: "K-1",
      shippingCharged: 495,
      payment: { method: "e_cheque", cleared: false },
      shippingCountry: "MX",
    });
    expect(first.lines.map((l) => [l.id, l.unitPrice, l.quantity, l.finalSale, l.onSale])).toEqual([
      ["1", 8990, 1, false, false],
      ["2", 1999, 2, true, true],
    ]);
    const second = ZOrderInput.parse(records[1]?.data);
    expect(second).toMatchObject({ discountTotal: 110, payment: { cleared: true } });
    expect(second.lines[0]?.unitPrice).toBe(4030);
  });

  it("reports bad rows with their line and keeps the others", () => {
    const csv = [
      header,
      "kallesia,K-1,a@example.com,2026-11-01T10:00:00Z,placed,GBP,0,0,card,true,GB,1,DR-1,Dress,dresses,12.345,1,,",
      "kallesia,K-2,b@example.com,2026-11-01T10:00:00Z,placed,GBP,0,0,card,true,GB,1,DR-1,Dress,dresses,12.00,1,,",
      "kallesia,K-1,a@example.com,2026-11-01T10:00:00Z,placed,GBP,0,0,card,true,GB,2,DR-2,Dress,dresses,10,1,,",
    ].join("\n");
    const records = parseCsv(csv);
    expect(records[0]).toMatchObject({ line: 2, error: expect.stringContaining("unit_price") });
    expect(records[1]?.data).toBeDefined();
    expect(records[2]).toMatchObject({ line: 4, error: expect.stringContaining("next to each other") });
  });

  it("refuses a header without the required columns", () => {
    expect(parseCsv("number,email\nK-1,a@example.com\n")).toEqual([
      { line: 1, error: expect.stringContaining("missing column(s) line_id, unit_price, quantity") },
    ]);
  });
});
