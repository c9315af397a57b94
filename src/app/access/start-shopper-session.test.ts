import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW, seedBrand, seedOrder } from "../../../test/support/auth-test-helpers.ts";
import type { Store } from "../../db/database.ts";
import { testDatabases } from "../../db/test-db.ts";
import { getOrderView } from "../orders/get-order-view.ts";
import { signOrderLink, verifyToken } from "./session-tokens.ts";
import { NO_SUCH_ORDER, startShopperSession, startShopperSessionFromLink } from "./start-shopper-session.ts";

const SECRET = "a-long-enough-session-secret-for-tests-02";

describe.each(testDatabases())("shopper sessions and the order view on $name", (target) => {
  let store: Store;
  let orderA = "";
  let orderB = "";
  beforeAll(async () => {
    store = await target.open();
    const brandId = await seedBrand(store.db, "kallesia");
    await seedBrand(store.db, "castella");
    orderA = await seedOrder(store.db, {
      brandId,
      number: "KA-501",
      email: "Mia@Example.com",
      status: "dispatched",
    });
    orderB = await seedOrder(store.db, {
      brandId,
      number: "KA-502",
      email: "leo@example.com",
      status: "placed",
    });
  });
  afterAll(() => store.close());

  const start = (brandSlug: string, orderNumber: string, email: string) =>
    startShopperSession(store.db, { brandSlug, orderNumber, email, sessionSecret: SECRET }, NOW);

  it("issues a two-hour token for the one order, matching the email in any case", async () => {
    const session = await start("kallesia", "#ka-501", "mia@EXAMPLE.com");
    expect(session.orderId).toBe(orderA);
    expect(session.expiresAt.getTime() - NOW.getTime()).toBe(2 * 3600_000);
    expect(verifyToken(SECRET, session.token, "shopper", NOW)).toMatchObject({
      orderId: orderA,
      email: "Mia@Example.com",
    });
  });

  it("answers a wrong number, a wrong email, another brand's order and an unknown brand alike", async () => {
    for (const [brand, number, email] of [
      ["kallesia", "KA-999", "mia@example.com"],
      ["kallesia", "KA-501", "leo@example.com"],
      ["castella", "KA-501", "mia@example.com"],
      ["nobody", "KA-501", "mia@example.com"],
      ["kallesia", "  ", "mia@example.com"],
    ] as const) {
      await expect(start(brand, number, email)).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: NO_SUCH_ORDER,
      });
    }
  });

  it("exchanges a mailed link for a session, for the link's brand only", async () => {
    const link = signOrderLink(SECRET, orderB, NOW).token;
    const session = await startShopperSessionFromLink(
      store.db,
      { brandSlug: "kallesia", linkToken: link, sessionSecret: SECRET },
      NOW,
    );
    expect(session.orderNumber).toBe("KA-502");
    await expect(
      startShopperSessionFromLink(
        store.db,
        { brandSlug: "castella", linkToken: link, sessionSecret: SECRET },
        NOW,
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      startShopperSessionFromLink(
        store.db,
        { brandSlug: "kallesia", linkToken: `${link}x`, sessionSecret: SECRET },
        NOW,
      ),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("shows a shopper their order with tracking, and reports any other order as missing", async () => {
    const brand = await store.db
      .selectFrom("brands")
      .select("id")
      .where("slug", "=", "kallesia")
      .executeTakeFirstOrThrow();
    const shopper = {
      type: "shopper",
      orderId: orderA,
      brandId: brand.id,
      email: "Mia@Example.com",
    } as const;
    const view = await getOrderView(store.db, { orderId: orderA }, shopper);
    expect(view).toMatchObject({
      number: "KA-501",
      status: "dispatched",
      brand: { slug: "kallesia" },
      totals: { shipping: 800, total: 12800 },
      shipments: [
        {
          courier: "DHL",
          trackingUrl: expect.stringContaining("123456789012345678"),
          lastMile: { courier: "Local Post" },
        },
      ],
      returns: [],
    });
    expect(view.timeline.map((t) => t.status)).toEqual(["placed", "dispatched", "in_transit"]);
    await expect(getOrderView(store.db, { orderId: orderB }, shopper)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const otherBrandAgent = { type: "staff", id: "s", role: "agent", brandId: "another-brand" } as const;
    await expect(getOrderView(store.db, { orderId: orderA }, otherBrandAgent)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
