// The console's settings in Chromium against `aftercare serve` on a fresh database, as the demo admin:
// a brand's SLA target and support address changed and still there after a reload; a help page pasted
// into the brand's knowledge and listed with its article; a message that arrived for that address before
// it was the brand's, kept as a dead letter and filed as a case by Retry; the case's event in the outbox
// and its failed delivery to a webhook in the webhook log. Every page is checked with axe-core and
// saved under test-results/ at desktop width and at 360 px.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DESKTOP,
  expectAccessible,
  hasChromium,
  launchBrowser,
  MOBILE,
  newPage,
  pageErrors,
  type RunningApp,
  screenshot,
  startApp,
} from "./harness.ts";

const NEW_ADDRESS = "desk@kallesia.example";

const GIFT_PAGE = `# Gift wrapping

Any order can be gift wrapped at checkout for a small charge.

## How the parcel looks

Each piece is folded in recycled tissue and tied with a cotton ribbon; the packing slip leaves out prices.
`;

/** A message sent to an address no brand had yet: the receiver kept it as a dead letter. */
function seedDeadLetter(app: RunningApp): void {
  const raw = Buffer.from(
    [
      "From: Ines Moreau <ines@example.com>",
      `To: ${NEW_ADDRESS}`,
      "Subject: Ribbon colour for a gift",
      "Message-ID: <gift-ribbon-1@example.com>",
      "Date: Tue, 10 Mar 2026 09:30:00 +0000",
      "",
      "Hello, could my order be wrapped with a green ribbon? Thank you.",
      "",
    ].join("\r\n"),
  );
  const db = new Database(join(app.dir, "aftercare.db"));
  try {
    const at = new Date().toISOString();
    db.prepare(
      `INSERT INTO email_dead_letters (id, mail_from, recipients, raw, size_bytes, reason, case_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    ).run(
      "019a0000-0000-7000-8000-00000000d1e1",
      "ines@example.com",
      JSON.stringify([NEW_ADDRESS]),
      raw.toString("base64"),
      raw.length,
      "no recipient is a brand address",
      at,
      at,
    );
  } finally {
    db.close();
  }
}

describe.skipIf(!hasChromium)("console settings in Chromium", { timeout: 120_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let phone: Page;
  let hook: Server;
  let hookUrl = "";
  let hookCalls = 0;

  beforeAll(async () => {
    app = await startApp();
    seedDeadLetter(app);
    // The store's endpoint is down: every delivery is answered 503, so the log has failures to show.
    hook = createServer((_req, res) => {
      hookCalls += 1;
      res.writeHead(503).end("down for maintenance");
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/aftercare-events`;
    browser = await launchBrowser();
    page = (await newPage(browser, DESKTOP)).page;
    await page.goto(`${app.url}/console`);
    await page.getByLabel("Email").fill("admin@aftercare.local");
    await page.getByLabel("Password").fill(app.staffPassword ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Console" }).waitFor();
    // The phone shares the desktop's session (cookies), so sign-in happens once.
    const context = await browser.newContext({
      viewport: MOBILE,
      locale: "en-GB",
      timezoneId: "UTC",
      storageState: await page.context().storageState(),
    });
    phone = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    hook?.closeAllConnections();
    await new Promise((r) => (hook ? hook.close(r) : r(null)));
    await app?.stop();
  });

  /** Axe at desktop width, then the same page at 360 px: no sideways scrolling of the page itself. */
  async function check(path: string, name: string, ready: (p: Page) => Promise<unknown>): Promise<void> {
    await expectAccessible(page, name);
    await screenshot(page, `console-settings-${name}`);
    await phone.goto(`${app.url}/console/settings/${path}`);
    await ready(phone);
    await phone.waitForLoadState("networkidle");
    await expectAccessible(phone, `${name} at 360 px`);
    await screenshot(phone, `console-settings-${name}-360`);
    const overflow = await phone.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
    expect(overflow, `${name} fits 360 px`).toBeLessThanOrEqual(0);
  }

  it("changes a brand's SLA target and support address; both are there after a reload", async () => {
    await page.goto(`${app.url}/console/settings`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Brands" }).click();
    await page.getByRole("heading", { name: "Brands" }).waitFor();
    await page.getByLabel("Brand", { exact: true }).selectOption("kallesia");
    const first = page.getByLabel("Default: first response hours");
    await expect.poll(() => first.inputValue()).toBe("8");
    await first.fill("6");
    await page.getByLabel("Support address").fill(NEW_ADDRESS);
    // A mistake first: the desk closing before it opens is caught before anything is sent.
    await page.getByLabel("Closes").fill("08:00");
    await page.getByRole("button", { name: "Save brand settings" }).click();
    await page.getByText("The desk must close after it opens").waitFor();
    await page.getByLabel("Closes").fill("17:30");
    await page.getByRole("button", { name: "Save brand settings" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    await page.reload();
    await page.getByLabel("Brand", { exact: true }).selectOption("kallesia");
    await expect.poll(() => page.getByLabel("Default: first response hours").inputValue()).toBe("6");
    expect(await page.getByLabel("Support address").inputValue()).toBe(NEW_ADDRESS);
    expect(await page.getByLabel("Closes").inputValue()).toBe("17:30");
    await check("brands", "brands", async (p) => {
      await p.getByLabel("Brand", { exact: true }).selectOption("kallesia");
      await expect.poll(() => p.getByLabel("Default: first response hours").inputValue()).toBe("6");
    });
  });

  it("imports a pasted help page into the brand's knowledge and lists it with its article", async () => {
    await page.goto(`${app.url}/console/settings/knowledge`);
    await page.getByLabel("Brand", { exact: true }).selectOption("kallesia");
    // The example brand's own pages were imported on first start.
    await page.getByRole("cell", { name: "returns.md", exact: true }).waitFor();
    await page.getByLabel("Document name").fill("Gift wrapping");
    await page.getByLabel("Page text").fill(GIFT_PAGE);
    await page.getByRole("button", { name: "Import page" }).click();
    await page.getByRole("status").filter({ hasText: "Imported." }).waitFor();
    const row = page.locator("tr", {
      has: page.getByRole("cell", { name: "gift-wrapping.md", exact: true }),
    });
    await row.waitFor();
    expect(await row.textContent()).toContain("Gift wrapping");
    await check("knowledge", "knowledge", async (p) => {
      await p.getByLabel("Brand", { exact: true }).selectOption("kallesia");
      await p.getByRole("cell", { name: "gift-wrapping.md", exact: true }).waitFor();
    });
  });

  it("files the dead letter as a case with Retry now that the address is the brand's", async () => {
    // A webhook subscription first, so the new case's event has somewhere to go.
    await page.goto(`${app.url}/console/settings/webhooks`);
    await page.getByLabel("Brand", { exact: true }).selectOption("kallesia");
    await page.getByLabel("Address (https://…)").fill(hookUrl);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.getByText("Signing secret, shown once").waitFor();

    await page.goto(`${app.url}/console/settings/email`);
    await page.getByRole("heading", { name: "Dead letters" }).waitFor();
    await page.getByRole("cell", { name: "no recipient is a brand address" }).waitFor();
    await check("email", "email", (p) => p.getByRole("heading", { name: "Dead letters" }).waitFor());
    await page.getByRole("button", { name: "Retry the message from ines@example.com" }).click();
    const outcome = page.getByRole("status").filter({ hasText: "Processed." });
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain("A new case was opened");
    await screenshot(page, "console-settings-email-retried");
  });

  it("shows the case's event in the outbox and its failed deliveries in the webhook log", async () => {
    await page.goto(`${app.url}/console/settings/outbox`);
    await page.getByRole("cell", { name: "case.created" }).first().waitFor();
    await check("outbox", "outbox", (p) => p.getByRole("cell", { name: "case.created" }).first().waitFor());

    await page.goto(`${app.url}/console/settings/webhooks/log`);
    await page.getByLabel("Failed attempts only").check();
    // The relay and the worker run every second; poll until the first attempt is logged.
    await expect
      .poll(
        async () => {
          await page.getByRole("checkbox", { name: "Failed attempts only" }).uncheck();
          await page.getByRole("checkbox", { name: "Failed attempts only" }).check();
          return page.getByRole("cell", { name: hookUrl }).count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    expect(hookCalls).toBeGreaterThan(0);
    expect(await page.locator("tbody").textContent()).toContain("503");
    await check("webhooks/log", "webhook-log", (p) =>
      p.getByRole("heading", { name: "Webhook log" }).waitFor(),
    );
    expect(pageErrors(page)).toEqual([]);
  });
});
