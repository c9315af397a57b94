import { describe, expect, it } from "vitest";
import { ZOrderInput } from "../order-input.ts";
import { parseShopifyText } from "./shopify.ts";

const order = {
  id: 820982911946154500,
  name: "#1001",
  email: "Jon@Example.com",
  created_at: "2026-11-05T10:00:00-05:00",
  currency: "USD",
  financial_status: "partially_refunded",
  total_price: "199.65",
  total_discounts: "10.05",
  total_tax: "0.00",
  taxes_included: false,
  cancelled_at: null,
  payment_gateway_names: ["shopify_payments"],
  shipping_address: {
    name: "Jon Doe",
    address1: "5 Elm St",
    city: "Austin",
    zip: "78701",
    country_code: "US",
  },
  shipping_lines: [{ price: "9.95" }],
  line_items: [
    {
      id: 466157049,
      sku: "DR-22",
      title: "Linen dress",
      variant_title: "M",
      price: "119.90",
      quantity: 1,
      product_type: "Dresses",
    },
    {
      id: 518995019,
      sku: "BR-1",
      title: "Bralette",
      price: "39.95",
      quantity: 2,
      product_type: "Undergarments",
      properties: [{ name: "Final sale", value: "true" }],
    },
  ],
  fulfillments: [
    {
      created_at: "2026-11-06T09:00:00-05:00",
      updated_at: "2026-11-08T15:00:00-05:00",
      status: "success",
      shipment_status: "delivered",
      tracking_company: "UPS",
      tracking_numbers: ["1Z2345"],
      tracking_urls: ["https://track.example.com/?id=123456789012345678"],
    },
  ],
  refunds: [{ refund_line_items: [{ line_item_id: 518995019, quantity: 1 }] }],
};

describe("store-platform order JSON", () => {
  it("maps an order: prices from decimal strings, fulfilments, refunds and payment status", () => {
    const [record] = parseShopifyText(JSON.stringify(order), "castella");
    const input = ZOrderInput.parse(record?.data);
    expect(input).toMatchObject({
      brand: "castella",
      number: "1001",
      externalId: "820982911946154500",
      email: "jon@example.com",
      currency: "USD",
      status: "delivered",
      shippingCharged: 995,
      discountTotal: 1005,
      payment: { method: "card", cleared: true, amount: 19965 },
      shippingCountry: "US",
      shippingAddress: {
        name: "Jon Doe",
        line1: "5 Elm St",
        city: "Austin",
        postalCode: "78701",
        country: "US",
      },
    });
    expect(input.lines).toMatchObject([
      {
        id: "466157049",
        title: "Linen dress / M",
        category: "dresses",
        unitPrice: 11990,
        quantity: 1,
        returnedQuantity: 0,
      },
      {
        id: "518995019",
        category: "undergarments",
        unitPrice: 3995,
        quantity: 2,
        returnedQuantity: 1,
        finalSale: true,
      },
    ]);
    expect(input.shipments).toEqual([
      {
        courier: "UPS",
        trackingNumber: "1Z2345",
        trackingUrl: "https://track.example.com/?id=123456789012345678",
        dispatchedAt: "2026-11-06T09:00:00-05:00",
      },
    ]);
    expect(input.deliveredAt).toBe("2026-11-08T15:00:00-05:00");
  });

  it("accepts arrays, {orders}, JSON Lines, pending payments and cancellations", () => {
    const pending = { ...order, name: "#1002", financial_status: "pending", fulfillments: [], refunds: [] };
    const cancelled = { ...pending, name: "#1003", cancelled_at: "2026-11-06T10:00:00Z" };
    const fromArray = parseShopifyText(JSON.stringify([pending, cancelled]), "castella");
    const fromWrapper = parseShopifyText(JSON.stringify({ orders: [pending, cancelled] }), "castella");
    const fromLines = parseShopifyText(
      `${JSON.stringify(pending)}\n\n${JSON.stringify(cancelled)}\n`,
      "castella",
    );
    for (const records of [fromArray, fromWrapper, fromLines]) {
      const [p, c] = records.map((r) => ZOrderInput.parse(r.data));
      expect(p).toMatchObject({ number: "1002", status: "placed", payment: { cleared: false } });
      expect(c).toMatchObject({ number: "1003", status: "cancelled" });
    }
    expect(fromLines.map((r) => r.line)).toEqual([1, 3]);
  });

  it("reports an unreadable price with where it is", () => {
    const broken = { ...order, line_items: [{ ...order.line_items[0], price: "12,50" }] };
    const [record] = parseShopifyText(`${JSON.stringify(broken)}\n{oops\n`);
    expect(record?.error).toContain("line_items.0.price");
  });
});
