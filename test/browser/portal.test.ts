// The shopper portal in a real browser, against `aftercare serve` on a fresh database: the journeys of
// the two brands' policies, each page checked with axe-core and saved as a screenshot at desktop and
// phone width.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DESKTOP,
  daysAgo,
  expectAccessible,
  findOrder,
  hasChromium,
  importOrders,
  launchBrowser,
  MOBILE,
  newPage,
  pageErrors,
  type RunningApp,
  screenshot,
  startApp,
} from "./harness.ts";

// A 1×1 PNG: the server judges uploads by their bytes, so a real image header is needed.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const castellaOrders = [
  {
    brand: "castella",
    number: "CA-T1",
    email: "t1@example.com",
    placedAt: daysAgo(9),
    dispatchedAt: daysAgo(8),
    deliveredAt: daysAgo(3),
    status: "delivered",
    currency: "USD",
    shippingCountry: "US",
    shippingCharged: 800,
    payment: { method: "card", cleared: true },
    shipments: [
      {
        courier: "UPS",
        trackingNumber: "1Z999AA10123456784",
        trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
        dispatchedAt: daysAgo(8),
      },
    ],
    lines: [
      { id: "1", sku: "DR-22", title: "Linen dress", category: "dresses", unitPrice: 12000, quantity: 1 },
      {
        id: "2",
        sku: "TP-9",
        title: "Silk camisole",
        category: "tops",
        unitPrice: 6000,
        quantity: 1,
        finalSale: true,
      },
    ],
  },
];

const kallesiaOrder = (number: string, extra: Record<string, unknown>) => ({
  brand: "kallesia",
  number,
  email: `${number.toLowerCase()}@example.com`,
  phone: "+447700900123",
  currency: "GBP",
  shippingCountry: "GB",
  shippingAddress: {
    name: "Amelia Hart",
    line1: "14 Rosewood Lane",
    city: "Bristol",
    postalCode: "BS1 4DJ",
    country: "GB",
  },
  shippingCharged: 495,
  payment: { method: "card", cleared: true },
  lines: [
    {
      id: "1",
      sku: "DR-LIN-01",
      title: "Linen midi dress",
      category: "dresses",
      unitPrice: 12900,
      quantity: 1,
    },
    { id: "2", sku: "TP-RIB-02", title: "Ribbed tank", category: "tops", unitPrice: 2900, quantity: 1 },
  ],
  ...extra,
});

const delivered = (ago: number) => ({
  placedAt: daysAgo(ago + 4),
  dispatchedAt: daysAgo(ago + 3),
  deliveredAt: daysAgo(ago),
  status: "delivered",
  shipments: [
    {
      courier: "DHL",
      trackingNumber: "JD014600003828385912",
      trackingUrl: "https://www.dhl.com/track?tracking-id=123456789012345678",
      lastMileCourier: "Royal Mail",
      lastMileTrackingNumber: "RM123456785GB",
      lastMileContact: "0345 774 0740",
      dispatchedAt: daysAgo(ago + 3),
    },
  ],
});

describe.skipIf(!hasChromium)("shopper portal in Chromium", { timeout: 60_000 }, () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    await importOrders(app, "castella", castellaOrders);
    await importOrders(app, "kallesia", [
      kallesiaOrder("KAL-T1", delivered(2)),
      kallesiaOrder("KAL-T2", delivered(10)),
      kallesiaOrder("KAL-T3", { placedAt: daysAgo(0, 1), status: "placed" }),
      kallesiaOrder("KAL-T4", {
        placedAt: daysAgo(2),
        dispatchedAt: daysAgo(1),
        status: "dispatched",
        shipments: [{ courier: "DHL", trackingNumber: "JD014600003828385999", dispatchedAt: daysAgo(1) }],
      }),
      kallesiaOrder("KAL-T5", { ...delivered(1) }),
    ]);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
    const { page } = await newPage(browser, viewport);
    return page;
  }

  it("lists the brands at / and each brand's find-order page wears its theme", async () => {
    const page = await open();
    await page.goto(app.url);
    await expect.poll(() => page.getByRole("heading", { name: "Castélla" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("heading", { name: "Kallesia" }).count()).toBe(1);
    await expectAccessible(page, "brand list");
    await screenshot(page, "portal-brands-desktop");
    await page.getByRole("link", { name: "Help with a Kallesia order" }).click();
    await page.getByRole("heading", { name: "Find your Kallesia order" }).waitFor();
    // Evaluated in the page, where these names exist.
    const primary = await page.evaluate(
      'getComputedStyle(document.documentElement).getPropertyValue("--brand-primary").trim()',
    );
    expect(primary).toBe("#1d4a52");
    expect(await page.locator(".site-header .logo").textContent()).toBe("kallesia");
    await expectAccessible(page, "find order");
    await screenshot(page, "portal-find-order-desktop");
    expect(pageErrors(page)).toEqual([]);
  });

  it("a wrong order number or email gets one message that does not say which was wrong", async () => {
    const page = await open();
    await page.goto(`${app.url}/b/kallesia`);
    await page.getByRole("button", { name: "Find my order" }).click();
    await page.getByText("Enter the order number from your confirmation email.").waitFor();
    await page.getByLabel("Order number").fill("KAL-T1");
    await page.getByLabel("Email address").fill("someone.else@example.com");
    await page.getByRole("button", { name: "Find my order" }).click();
    const alert = page
      .getByRole("alert")
      .filter({ hasText: "could not find an order with that number and email" });
    await alert.waitFor();
    await expectAccessible(page, "find order with an error");
    await page.getByLabel("Order number").fill("KAL-NOPE");
    await page.getByLabel("Email address").fill("kal-t1@example.com");
    await page.getByRole("button", { name: "Find my order" }).click();
    await page.waitForTimeout(300);
    expect(await alert.textContent()).toContain("could not find an order with that number and email");
  });

  it("Castélla: a return of two items refuses the final-sale one with its clause, quotes the fee, and gives an RMA and a packing slip", async () => {
    const page = await open();
    await findOrder(page, app, "castella", "CA-T1", "t1@example.com");
    await page.getByRole("heading", { name: /Order CA-T1/ }).waitFor();
    await page.getByRole("link", { name: "Track my order" }).waitFor();
    await expectAccessible(page, "Castélla order page");
    await screenshot(page, "portal-order-desktop");

    await page.goto(`${app.url}/b/castella/return`);
    for (const title of ["Linen dress", "Silk camisole"]) {
      const item = page.locator("fieldset.card", { hasText: title });
      await item.getByLabel("Send this back").check();
      await item.getByLabel("Reason").selectOption("changed_mind");
      for (const box of await item.locator("fieldset input[type=checkbox]").all()) await box.check();
    }
    const camisole = page.locator("fieldset.card", { hasText: "Silk camisole" });
    await camisole.getByText("This item cannot be returned.").waitFor();
    expect(await camisole.locator(".clause").first().textContent()).toMatch(/final-sale/i);
    const dress = page.locator("fieldset.card", { hasText: "Linen dress" });
    await dress.getByText("This item can be returned.").waitFor();
    const quote = page.getByRole("region", { name: "Refund quote" });
    await quote.getByRole("rowheader", { name: "Return fee" }).waitFor();
    expect(await quote.textContent()).toContain("-$10.00");
    expect(await quote.textContent()).toContain("$110.00");
    // The brand's own terms, as notices with their clauses: shipping kept, refund to the original method.
    expect(await quote.textContent()).toMatch(/shipping is not refunded/i);
    expect(await quote.textContent()).toMatch(/original payment method/i);
    await expectAccessible(page, "return form");
    await screenshot(page, "portal-return-desktop");

    await page.getByRole("button", { name: "Confirm the return" }).click();
    await page.waitForURL(/\/returns\//);
    const rma = decodeURIComponent(page.url().split("/returns/")[1] ?? "");
    expect(rma).toMatch(/^[A-Z0-9-]{6,}$/);
    await page.getByText("Your return is booked.").waitFor();
    const slip = page.getByRole("region", { name: "Packing slip" });
    expect(await slip.locator(".rma").textContent()).toBe(rma);
    expect(await slip.textContent()).toContain("Linen dress");
    expect(await slip.textContent()).not.toContain("Silk camisole");
    await page.getByRole("button", { name: "Print packing slip" }).waitFor();
    // The print stylesheet keeps the slip and drops the site around it.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await slip.isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    await expectAccessible(page, "return confirmation");
    await screenshot(page, "portal-return-confirmation-desktop");

    await page.getByLabel("Courier").fill("USPS");
    await page.getByLabel("Tracking number", { exact: true }).fill("9400111899223197428490");
    await page.getByRole("button", { name: "Save tracking" }).click();
    await page.getByText("we will follow the parcel back to us").waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it("Kallesia: a missing-item claim with two photos within 7 days is accepted; the same claim after 7 days is refused with the reason", async () => {
    const page = await open();
    await findOrder(page, app, "kallesia", "KAL-T1", "kal-t1@example.com");
    await page.getByText("Royal Mail").first().waitFor();
    await page.goto(`${app.url}/b/kallesia/problem?kind=missing`);
    await page.getByLabel("Ribbed tank").check();
    await page
      .locator("#photo-items_received")
      .setInputFiles({ name: "received.png", mimeType: "image/png", buffer: PNG });
    await page
      .locator("#photo-parcel")
      .setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PNG });
    expect(await page.locator(".thumbs img").count()).toBe(2);
    // A file that is not a photo is refused before any upload.
    await page.locator("#photo-parcel").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("hello"),
    });
    await page.getByText("notes.txt is not a photo").waitFor();
    await expectAccessible(page, "problem form");
    await screenshot(page, "portal-problem-desktop");
    await page.getByRole("button", { name: "Send report" }).click();
    await page.getByRole("heading", { name: "Thanks, we have your report" }).waitFor();
    expect(await page.locator("main").textContent()).not.toContain("cannot accept");

    const late = await open();
    await findOrder(late, app, "kallesia", "KAL-T2", "kal-t2@example.com");
    await late.goto(`${app.url}/b/kallesia/problem?kind=missing`);
    await late.getByLabel("Ribbed tank").check();
    await late
      .locator("#photo-items_received")
      .setInputFiles({ name: "r.png", mimeType: "image/png", buffer: PNG });
    await late.locator("#photo-parcel").setInputFiles({ name: "p.png", mimeType: "image/png", buffer: PNG });
    await late.getByRole("button", { name: "Send report" }).click();
    await late.getByText("We cannot accept this report.").waitFor();
    expect(await late.locator("main").textContent()).toMatch(/7 days/);
    await expectAccessible(late, "refused claim");
    await screenshot(late, "portal-problem-refused-desktop");
  });

  it("Kallesia: an address changed before dispatch is applied; after dispatch the shopper asks the team instead", async () => {
    const page = await open();
    await findOrder(page, app, "kallesia", "KAL-T3", "kal-t3@example.com");
    await page.goto(`${app.url}/b/kallesia/order#modify`);
    const form = page.locator("#modify");
    await form.getByLabel("Address line 1").fill("7 Harbour Street");
    await form.getByLabel("Postcode").fill("BS2 0AA");
    // Live validation: a country code that is not two letters is flagged before saving.
    await form.getByLabel("Country code").fill("GBR");
    await form.getByText("Use the two-letter country code").waitFor();
    await form.getByLabel("Country code").fill("MX");
    await form.getByText("RFC (tax id, needed for customs)").waitFor();
    await form.getByLabel(/RFC/).fill("NOT-AN-RFC");
    await form.getByText("Customs details needed for this destination:").waitFor();
    await form.getByLabel("Country code").fill("GB");
    await expectAccessible(page, "change details");
    await form.getByRole("button", { name: "Save changes" }).click();
    await form.getByText("Done: your order now has the new details.").waitFor();
    await page.locator("address", { hasText: "7 Harbour Street" }).waitFor();
    expect(await page.locator("address").textContent()).toContain("BS2 0AA");
    await screenshot(page, "portal-order-modify-desktop");

    const after = await open();
    await findOrder(after, app, "kallesia", "KAL-T4", "kal-t4@example.com");
    await after.goto(`${app.url}/b/kallesia/order#modify`);
    const closed = after.locator("#modify");
    await closed.getByText("This order can no longer be changed here.").waitFor();
    await closed
      .getByLabel("Ask the team to change it")
      .fill("Please deliver to my office at 1 Quay Road instead.");
    await closed.getByRole("button", { name: "Send to the team" }).click();
    await closed.getByText("Your request is with the team.").waitFor();
    await after.goto(`${app.url}/b/kallesia/cases`);
    await after.getByRole("link", { name: /Change to order KAL-T4/ }).waitFor();
    await expectAccessible(after, "my cases");
    await screenshot(after, "portal-cases-desktop");
  });

  it("chat: a question answered with a citation, and one the pages do not answer handed off to a case in My cases", async () => {
    const page = await open();
    await findOrder(page, app, "kallesia", "KAL-T5", "kal-t5@example.com");
    await page.goto(`${app.url}/b/kallesia/contact`);
    const chat = page.getByRole("region", { name: "Chat with Kallesia" });
    await chat.getByLabel("Your question").fill("How long does a refund take to reach my bank?");
    await chat.getByRole("button", { name: "Send" }).click();
    await chat.locator("blockquote").first().waitFor();
    expect((await chat.locator("blockquote").first().textContent())?.length).toBeGreaterThan(20);
    await expectAccessible(page, "chat with an answer");
    await screenshot(page, "portal-chat-desktop");

    await chat.getByLabel("Your question").fill("Can I pay for my order with cryptocurrency from Mars?");
    await chat.getByRole("button", { name: "Send" }).click();
    await chat.getByRole("button", { name: "Pass to the team" }).click();
    await chat.getByText("Your question is with the team").waitFor();
    await page.goto(`${app.url}/b/kallesia/cases`);
    const cases = page.getByRole("list", { name: "Cases" });
    await cases.locator("li").first().waitFor();
    expect(await cases.locator("li").count()).toBeGreaterThan(0);
    expect(await cases.textContent()).toMatch(/chat/i);
  });

  it("works at 360 px wide: no sideways scrolling on the order, return and problem pages", async () => {
    const page = await open(MOBILE);
    await page.goto(app.url);
    await screenshot(page, "portal-brands-mobile");
    await page.goto(`${app.url}/b/kallesia`);
    await page.getByRole("heading", { name: "Find your Kallesia order" }).waitFor();
    await screenshot(page, "portal-find-order-mobile");
    await findOrder(page, app, "kallesia", "KAL-T1", "kal-t1@example.com");
    for (const [path, name] of [
      ["order", "portal-order-mobile"],
      ["return", "portal-return-mobile"],
      ["problem", "portal-problem-mobile"],
      ["contact", "portal-chat-mobile"],
      ["collaborate", "portal-collaborate-mobile"],
      ["cases", "portal-cases-mobile"],
    ] as const) {
      await page.goto(`${app.url}/b/kallesia/${path}`);
      await page.locator("main h1").first().waitFor();
      const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
      expect(overflow, `${path} at 360 px`).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} at 360 px`);
      await screenshot(page, name);
    }
    expect(pageErrors(page)).toEqual([]);
  });

  it("collaboration form and the embeddable widget script", async () => {
    const page = await open();
    await page.goto(`${app.url}/b/kallesia/collaborate`);
    await page.getByLabel("Your name").fill("Ada Creator");
    await page.getByLabel("Platform").selectOption("TikTok");
    await page.getByLabel("Handle").fill("@ada.creates");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByRole("button", { name: "Send application" }).click();
    await page.getByText("The partnership team will review your profile").waitFor();
    await expectAccessible(page, "collaboration form");
    await screenshot(page, "portal-collaborate-desktop");

    // A store's own page with the widget: the button opens the brand's chat in a frame.
    await page.setContent(
      `<!doctype html><html lang="en"><title>Store help</title><body><h1>Help</h1><script src="${app.url}/widget.js" data-brand="kallesia"></script></body></html>`,
    );
    await page.getByRole("button", { name: "Chat with us" }).click();
    const frame = page.frameLocator("iframe[title='Chat with the store']");
    await frame.getByLabel("Your question").waitFor();
  });

  // Last, since it uses up this address's attempts for Castélla for a minute.
  it("too many attempts to find an order are refused politely, saying how long to wait", async () => {
    const page = await open();
    await page.goto(`${app.url}/b/castella`);
    await page.getByLabel("Order number").fill("CA-NOPE");
    await page.getByLabel("Email address").fill("nobody@example.com");
    const polite = page.getByText(/Too many attempts in a short time\. Please wait .+ and try again\./);
    for (let i = 0; i < 15 && !(await polite.isVisible()); i++) {
      await page.getByRole("button", { name: "Find my order" }).click();
      await page.getByRole("alert").waitFor();
      await page.waitForTimeout(50);
    }
    await polite.waitFor();
    await expectAccessible(page, "rate limited");
    await screenshot(page, "portal-find-order-rate-limited-desktop");
  });
});
