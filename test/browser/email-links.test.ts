// The order confirmation email's 'modify order' link opens the order in the portal, signed in, on its
// change section: the email and the portal meet here. Without SMTP_URL the message is held for staff,
// where the test reads it as an admin would.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  hasChromium,
  importOrders,
  launchBrowser,
  newPage,
  pageErrors,
  type RunningApp,
  screenshot,
  startApp,
} from "./harness.ts";

interface HeldEmail {
  readonly to: string;
  readonly template: string;
  readonly text: string;
}

describe.skipIf(!hasChromium)("links in emails open the portal", { timeout: 90_000 }, () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    await importOrders(app, "kallesia", [
      {
        brand: "kallesia",
        number: "KAL-MAIL1",
        email: "mail.one@example.com",
        placedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
        status: "placed",
        currency: "GBP",
        shippingCountry: "GB",
        shippingAddress: { line1: "1 Dock Road", city: "Hull", postalCode: "HU1 1AA", country: "GB" },
        payment: { method: "card", cleared: true },
        lines: [
          {
            id: "1",
            sku: "SK-1",
            title: "Wool scarf",
            category: "accessories",
            unitPrice: 3900,
            quantity: 1,
          },
        ],
      },
    ]);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function heldEmailsFor(to: string): Promise<HeldEmail[]> {
    expect(app.staffPassword).toBeTruthy();
    const login = await fetch(`${app.url}/api/v1/staff/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@aftercare.local", password: app.staffPassword }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    for (let i = 0; i < 60; i++) {
      const res = await fetch(`${app.url}/api/v1/admin/emails?brand=kallesia`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const emails = ((await res.json()) as { emails: HeldEmail[] }).emails.filter((e) => e.to === to);
      if (emails.length) return emails;
      await new Promise((r) => setTimeout(r, 500));
    }
    return [];
  }

  it("the order confirmation's modify link signs the shopper in on the order's change section", async () => {
    const emails = await heldEmailsFor("mail.one@example.com");
    expect(emails.length).toBeGreaterThan(0);
    const link = emails
      .map((e) => /https?:\/\/\S+\/b\/kallesia\/link\?token=[^\s"<>]+/.exec(e.text)?.[0])
      .find((l): l is string => Boolean(l));
    expect(link).toBeDefined();
    const { page } = await newPage(browser);
    await page.goto(String(link).replace(/&amp;/g, "&"));
    await page.waitForURL(/\/b\/kallesia\/order/);
    await page.getByRole("heading", { name: /Order KAL-MAIL1/ }).waitFor();
    await page.getByRole("heading", { name: "Change delivery details" }).waitFor();
    await expectAccessible(page, "order opened from an email link");
    await screenshot(page, "portal-order-from-email-link-desktop");

    // A tampered link does not open anything and says what to do instead.
    const { page: other } = await newPage(browser);
    await other.goto(`${app.url}/b/kallesia/link?token=${"x".repeat(40)}&next=modify`);
    await other.getByRole("heading", { name: "This link cannot open your order" }).waitFor();
    await other.getByRole("link", { name: /Find your order with its number and email instead/ }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});
