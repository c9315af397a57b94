// The staff console in Chromium against `aftercare serve` on a fresh database: each role signs in and
// sees only its pages (the API refusing the rest with 403), the inbox and a case answered with a macro,
// a Castélla return received by RMA, inspected (the swimsuit fails its hygiene strip) and refunded
// less the fee with the shopper's portal showing it, a Kallesia fault approved in QC, the policy editor
// (a broken draft's line, a saved scenario failing before publishing) and the reports' totals. Every
// console page is checked with axe-core and saved under test-results/.
import { createTransport } from "nodemailer";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sink, startSink } from "../support/mail.ts";
import {
  DESKTOP,
  daysAgo,
  expectAccessible,
  findOrder,
  freePort,
  hasChromium,
  importOrders,
  launchBrowser,
  newPage,
  pageErrors,
  type RunningApp,
  screenshot,
  startApp,
} from "./harness.ts";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const castellaOrder = {
  brand: "castella",
  number: "CA-C1",
  email: "c1@example.com",
  placedAt: daysAgo(9),
  dispatchedAt: daysAgo(8),
  deliveredAt: daysAgo(3),
  status: "delivered",
  currency: "USD",
  shippingCountry: "US",
  shippingCharged: 800,
  payment: { method: "card", cleared: true },
  shipments: [{ courier: "UPS", trackingNumber: "1Z999AA10123456784", dispatchedAt: daysAgo(8) }],
  lines: [
    { id: "1", sku: "DR-22", title: "Linen dress", category: "dresses", unitPrice: 12000, quantity: 1 },
    { id: "2", sku: "SW-07", title: "Ribbed bikini top", category: "swimwear", unitPrice: 6500, quantity: 1 },
  ],
};

const kallesiaOrder = {
  brand: "kallesia",
  number: "KAL-C1",
  email: "kal-c1@example.com",
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
  placedAt: daysAgo(6),
  dispatchedAt: daysAgo(5),
  deliveredAt: daysAgo(2),
  status: "delivered",
  shipments: [{ courier: "DHL", trackingNumber: "JD014600003828385912", dispatchedAt: daysAgo(5) }],
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
};

// Placed this morning and not yet dispatched: Kallesia takes a cancellation as a request to approve.
const kallesiaUndispatched = {
  ...kallesiaOrder,
  number: "KAL-C2",
  email: "kal-c2@example.com",
  placedAt: daysAgo(0, 1),
  dispatchedAt: undefined,
  deliveredAt: undefined,
  status: "placed",
  shipments: [],
};

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

const today = () => new Date().toISOString().slice(0, 10);

describe.skipIf(!hasChromium)("staff console in Chromium", { timeout: 90_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  // Mail both ways over real SMTP: the server's receiver on a free port, and a local sink as the relay.
  let sink: Sink;
  let inboundPort: number;

  beforeAll(async () => {
    sink = await startSink();
    inboundPort = await freePort();
    app = await startApp({
      INBOUND_SMTP_PORT: String(inboundPort),
      SMTP_URL: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
    });
    await importOrders(app, "castella", [castellaOrder]);
    await importOrders(app, "kallesia", [kallesiaOrder, kallesiaUndispatched]);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sink?.close();
  });

  // One signed-in page per role, reused: sign-in is rate limited per address (10 a minute).
  const signedIn = new Map<string, Page>();
  async function signIn(role: "admin" | "agent" | "warehouse" | "partnerships"): Promise<Page> {
    const known = signedIn.get(role);
    if (known) {
      await known.goto(`${app.url}/console`);
      await known.getByRole("navigation", { name: "Console" }).waitFor();
      return known;
    }
    const { page } = await newPage(browser, DESKTOP);
    signedIn.set(role, page);
    await page.goto(`${app.url}/console`);
    await page.getByRole("heading", { name: "Sign in to the Aftercare console" }).waitFor();
    await page.getByLabel("Email").fill(`${role}@aftercare.local`);
    await page.getByLabel("Password").fill(app.staffPassword ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Console" }).waitFor();
    return page;
  }

  /** The API as the signed-in page calls it: its cookies, and the CSRF value echoed on unsafe methods. */
  async function api(page: Page, method: string, path: string, body?: unknown): Promise<number> {
    const csrf = (await page.context().cookies()).find((c) => c.name === "aftercare_csrf")?.value ?? "";
    const res = await page.request.fetch(`${app.url}${path}`, {
      method,
      headers: { "x-csrf-token": csrf, "idempotency-key": "test-key-0001" },
      ...(body === undefined ? {} : { data: body }),
    });
    return res.status();
  }

  it("signs each role in and shows only its pages; a warehouse user cannot open settings or refunds, and the API refuses with 403", async () => {
    const login = (await newPage(browser, DESKTOP)).page;
    await login.goto(`${app.url}/console/inbox`);
    await login.getByRole("button", { name: "Sign in" }).click();
    await login.getByText("Enter your work email").waitFor();
    await login.getByLabel("Email").fill("warehouse@aftercare.local");
    await login.getByLabel("Password").fill("not the password");
    await login.getByRole("button", { name: "Sign in" }).click();
    await login.getByRole("alert").waitFor();
    await expectAccessible(login, "sign-in page with errors");
    await screenshot(login, "console-sign-in");

    const page = await signIn("warehouse");
    const nav = page.getByRole("navigation", { name: "Console" });
    await page.getByRole("heading", { name: "Returns desk" }).waitFor();
    const links = (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
    expect(links).toEqual(["Returns desk", "Quality control"]);
    await page.goto(`${app.url}/console/settings`);
    await page.getByRole("heading", { name: "Not available" }).waitFor();
    await page.goto(`${app.url}/console/money`);
    await page.getByRole("heading", { name: "Not available" }).waitFor();
    await expectAccessible(page, "a page the role does not include");
    await screenshot(page, "console-warehouse-refused");
    expect(await api(page, "GET", "/api/v1/admin/staff-users")).toBe(403);
    expect(await api(page, "GET", "/api/v1/admin/brands/castella/policy")).toBe(403);
    expect(await api(page, "GET", "/api/v1/desk/refunds")).toBe(403);
    expect(await api(page, "POST", "/api/v1/desk/returns/anything/refund", {})).toBe(403);
    expect(await api(page, "POST", "/api/v1/admin/api-keys", { name: "sneaky" })).toBe(403);

    const partner = await signIn("partnerships");
    const partnerLinks = await partner
      .getByRole("navigation", { name: "Console" })
      .getByRole("link")
      .allTextContents();
    expect(partnerLinks.map((t) => t.trim())).toEqual(["Collaborations"]);
    await partner.getByRole("heading", { name: "Collaborations" }).waitFor();
    await expectAccessible(partner, "collaborations");
    expect(await api(partner, "GET", "/api/v1/desk/cases")).toBe(403);

    const admin = await signIn("admin");
    const adminLinks = await admin
      .getByRole("navigation", { name: "Console" })
      .getByRole("link")
      .allTextContents();
    expect(adminLinks.map((t) => t.trim())).toEqual([
      "Inbox",
      "Returns desk",
      "Quality control",
      "Money",
      "Discount codes",
      "Collaborations",
      "Reports",
      "Settings",
    ]);
    expect(pageErrors(page)).toEqual([]);
  });

  it("an email sent over SMTP shows in the inbox; an agent assigns it to herself, answers with a macro, and the reply reaches the shopper threaded", async () => {
    // The shopper writes to the brand's support address; the server's own receiver takes it.
    const shopperMail = createTransport({
      host: "127.0.0.1",
      port: inboundPort,
      secure: false,
      ignoreTLS: true,
    });
    const sent = await shopperMail.sendMail({
      from: "Amelia Hart <kal-c1@example.com>",
      to: "help@kallesia.com",
      subject: "Dress arrived creased (order KAL-C1)",
      text: "Can it be steamed or should I send it back?",
      messageId: "<creased-1@example.com>",
    });
    expect(sent.rejected).toEqual([]);

    // An admin writes the brand's macro in settings; agents find it in every Kallesia case.
    const admin = await signIn("admin");
    await admin.goto(`${app.url}/console/settings/macros`);
    await admin.getByLabel("Brand").selectOption("kallesia");
    await admin.getByText("No macros for this brand yet.").waitFor();
    await admin.getByLabel("Name").fill("Order checked");
    await admin
      .getByLabel("Text")
      .fill(
        "Hello {name},\n\nWe have looked at order {order} and will write again shortly.\n\n{brand} Customer Care",
      );
    await admin.getByRole("button", { name: "Save macro" }).click();
    await admin.getByRole("listitem").filter({ hasText: "Order checked" }).waitFor();
    await expectAccessible(admin, "macros");

    const page = await signIn("agent");
    await page.getByRole("heading", { name: "Inbox" }).waitFor();
    const row = page.locator("tr", { hasText: "Dress arrived creased" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Unread");
    await page.getByLabel("Search").fill("creased");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await expectAccessible(page, "inbox");
    await screenshot(page, "console-inbox");
    // The keyboard: the first row is selected; a assigns it to me.
    await page.locator("h1").click();
    await page.keyboard.press("a");
    await expect.poll(async () => (await row.textContent()) ?? "").toContain("Me");
    await row.getByRole("link", { name: "Dress arrived creased" }).click();
    await page.getByRole("heading", { name: "Dress arrived creased (order KAL-C1)" }).waitFor();
    await page.getByRole("heading", { name: "Order KAL-C1", exact: true }).waitFor();
    await page.getByText("Linen midi dress").first().waitFor();
    await page.getByLabel("Macro").selectOption("Order checked");
    const text = await page.getByLabel("Message").inputValue();
    expect(text).toBe(
      "Hello Amelia,\n\nWe have looked at order KAL-C1 and will write again shortly.\n\nKallesia Customer Care",
    );
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Reply sent.").waitFor();
    await page.locator(".thread li.outbound").first().waitFor();
    // The answer leaves through the relay to the shopper, threaded to her message.
    await expect
      .poll(
        () => sink.received.filter((m) => m.to && JSON.stringify(m.to).includes("kal-c1@example.com")).length,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    const reply = sink.received.find((m) => m.inReplyTo === "<creased-1@example.com>");
    expect(reply, "a reply threaded to the shopper's Message-ID").toBeDefined();
    expect(reply?.subject).toBe("Re: Dress arrived creased (order KAL-C1)");
    expect(reply?.text).toContain("We have looked at order KAL-C1");
    expect(String(reply?.references ?? "")).toContain("<creased-1@example.com>");
    await page.getByLabel("Message").fill("Checked the order: one dress, delivered two days ago.");
    await page.getByRole("button", { name: "Add internal note" }).click();
    await page.locator(".thread li.internal").first().waitFor();
    await expectAccessible(page, "case view");
    await screenshot(page, "console-case");
    expect(pageErrors(page)).toEqual([]);
  });

  it("a shopper writes twice about one order: the agent opens her PDF and photo, merges the duplicate, changes the phone, and records and approves her cancellation", async () => {
    const shopperMail = createTransport({
      host: "127.0.0.1",
      port: inboundPort,
      secure: false,
      ignoreTLS: true,
    });
    await shopperMail.sendMail({
      from: "Amelia Hart <kal-c2@example.com>",
      to: "help@kallesia.com",
      subject: "Please cancel KAL-C2",
      text: "I ordered the wrong size this morning, please cancel the whole order. Receipt and screenshot attached.",
      attachments: [
        { filename: "receipt.pdf", content: PDF, contentType: "application/pdf" },
        { filename: "screenshot.png", content: PNG, contentType: "image/png" },
      ],
    });
    await shopperMail.sendMail({
      from: "Amelia Hart <kal-c2@example.com>",
      to: "help@kallesia.com",
      subject: "Cancel my order KAL-C2 (second try)",
      text: "Writing again in case the first message was lost. Also my new phone is 07700 900123.",
    });

    const page = await signIn("agent");
    await page.getByLabel("Search").fill("kal-c2@example.com");
    await expect.poll(() => page.locator("tbody tr").count(), { timeout: 20_000 }).toBe(2);
    await page.getByLabel("Request").selectOption("cancellation");
    await expect.poll(() => page.locator("tbody tr").count()).toBeGreaterThan(0);
    await page.getByLabel("Request").selectOption("");
    await page.getByRole("link", { name: "Please cancel KAL-C2" }).click();
    await page.getByRole("heading", { name: "Please cancel KAL-C2" }).waitFor();

    // The files: the PDF downloads as a file with the bytes that arrived; the photo opens in the viewer.
    const download = page.getByRole("link", { name: /Download receipt\.pdf/ });
    await download.waitFor();
    const file = await page.request.get(`${app.url}${await download.getAttribute("href")}`);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("application/pdf");
    expect(file.headers()["content-disposition"]).toMatch(/^attachment; filename="receipt\.pdf"/);
    expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
    await page.getByRole("button", { name: "View photo 2" }).click();
    const photo = page.getByRole("dialog", { name: "Photo" }).locator("img");
    await expect
      .poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(1);
    await page.getByRole("button", { name: "Close" }).click();

    // The second mail is the same request: folded into this case, its message moves here.
    const others = page.getByRole("region", { name: "Other cases from this shopper" });
    await others.getByText("Cancel my order KAL-C2 (second try)").waitFor();
    await others.getByRole("button", { name: "Merge into this case" }).click();
    await page.getByText("Merged: its messages are in this thread and it is closed.").waitFor();
    await page.locator(".thread li", { hasText: "Writing again in case" }).waitFor();

    // Not yet dispatched: the phone changes at once, as the shopper could do herself.
    await page.getByText("Change or cancel for the shopper").click();
    await page.getByLabel("New phone").fill("07700 900123");
    await page.getByRole("button", { name: "Change order" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /^Applied\./ })
      .waitFor();

    // The cancellation is a request the policy leaves to a person; the agent records it, then approves it.
    await page.getByLabel("Cancellation reason").fill("wrong size, asked by email");
    await page.getByRole("button", { name: "Cancel order…" }).click();
    await page.getByRole("button", { name: "Yes, cancel order KAL-C2" }).click();
    await page.getByText(/waits for approval/).waitFor();
    const requests = page.getByRole("region", { name: "Requests on this order" });
    await requests.getByText("Cancellation", { exact: true }).waitFor();
    await expectAccessible(page, "case actions");
    await screenshot(page, "console-case-actions");
    await requests.getByRole("button", { name: "Approve cancellation" }).click();
    await page.getByText("Decision recorded; the shopper is told by email.").waitFor();
    await expect.poll(async () => (await requests.textContent()) ?? "").toMatch(/Cancellation\s*Approved/);
    await expect
      .poll(
        async () => (await page.getByRole("complementary", { name: "Order KAL-C2" }).textContent()) ?? "",
        { timeout: 15_000 },
      )
      .toMatch(/^Order KAL-C2Cancelled/);
    expect(pageErrors(page)).toEqual([]);
  });

  it("Castélla: a return started in the portal is received by RMA, inspected (the bikini top fails its hygiene strip), refunded less the fee, and the portal shows the refund", async () => {
    const shopper = (await newPage(browser, DESKTOP)).page;
    await findOrder(shopper, app, "castella", "CA-C1", "c1@example.com");
    await shopper.goto(`${app.url}/b/castella/return`);
    for (const title of ["Linen dress", "Ribbed bikini top"]) {
      const item = shopper.locator("fieldset.card", { hasText: title });
      await item.getByLabel("Send this back").check();
      await item.getByLabel("Reason").selectOption("changed_mind");
      for (const box of await item.locator("fieldset input[type=checkbox]").all()) await box.check();
    }
    await shopper.getByRole("button", { name: "Confirm the return" }).click();
    await shopper.waitForURL(/\/returns\//);
    const rma = decodeURIComponent(shopper.url().split("/returns/")[1] ?? "");
    expect(rma).toMatch(/^CA-R/);

    const desk = await signIn("warehouse");
    await desk.getByRole("heading", { name: "Returns desk" }).waitFor();
    // A scanner types the number into the focused field and presses Enter.
    await desk.keyboard.type(rma.toLowerCase());
    await desk.keyboard.press("Enter");
    await desk.getByRole("heading", { name: new RegExp(rma) }).waitFor();
    await desk.getByRole("button", { name: "Log as received" }).click();
    await desk.getByText(/The shopper is promised their refund by/).waitFor();
    // The brand's timeline dated from the arrival: Castélla promises the refund within 7 business days.
    await desk.locator("p", { hasText: /^Arrived .+ · refund issued by .+/ }).waitFor();
    const bikini = desk.locator("fieldset", { hasText: "Ribbed bikini top" });
    await bikini.getByLabel("Hygiene strip intact").uncheck();
    await expectAccessible(desk, "returns desk inspection");
    await screenshot(desk, "console-returns-desk");
    await desk.getByRole("button", { name: "Record inspection" }).click();
    await desk.getByText(/Inspected: an agent refunds it from here/).waitFor();
    const inspected = await desk.locator("section.card").textContent();
    expect(inspected).toMatch(/Ribbed bikini top.*Rejected/s);

    const agent = await signIn("agent");
    await agent.goto(`${app.url}/console/returns`);
    await agent.getByLabel("RMA number").fill(rma);
    await agent.getByLabel("RMA number").press("Enter");
    // The dress (120.00) less the 10.00 fee; the bikini top is not paid back.
    await agent.getByRole("button", { name: "Refund $110.00" }).click();
    await agent.getByText("Refunded $110.00").waitFor();

    await shopper.reload();
    await shopper.getByText("Refund issued.").waitFor();
    expect(await shopper.getByText("Refund issued.").locator("..").textContent()).toContain("$110.00");
    expect(pageErrors(desk)).toEqual([]);
  });

  it("Kallesia: a faulty-item claim reported with photos is approved in the quality-control queue", async () => {
    const shopper = (await newPage(browser, DESKTOP)).page;
    await findOrder(shopper, app, "kallesia", "KAL-C1", "kal-c1@example.com");
    await shopper.goto(`${app.url}/b/kallesia/problem?kind=faulty`);
    await shopper.getByLabel("Ribbed tank").check();
    await shopper
      .getByLabel("Describe the fault")
      .fill("The seam on the left side came apart after one wash.");
    await shopper
      .locator("#photo-full_item")
      .setInputFiles({ name: "whole.png", mimeType: "image/png", buffer: PNG });
    await shopper
      .locator("#photo-fault")
      .setInputFiles({ name: "seam.png", mimeType: "image/png", buffer: PNG });
    await shopper.getByRole("button", { name: "Send report" }).click();
    await shopper.getByRole("heading", { name: "Thanks, we have your report" }).waitFor();

    const qc = await signIn("warehouse");
    await qc.getByRole("link", { name: "Quality control" }).click();
    await qc.getByLabel("Brand").selectOption("kallesia");
    const card = qc.locator("section.card", { hasText: "seam on the left side" });
    await card.waitFor();
    await expect.poll(() => card.locator("img").count()).toBe(2);
    await expectAccessible(qc, "quality control");
    await screenshot(qc, "console-qc");
    await card.getByRole("button", { name: "Approve fault" }).click();
    await qc.getByText("Fault approved: the shopper is asked to send the item back.").waitFor();
    await qc.getByLabel("Status").selectOption("qc_approved");
    await qc.getByRole("heading", { name: /Faulty item · Fault approved/ }).waitFor();
    // Approving authorised a return of the tank: the shopper now has an RMA to send it back with.
    const session = await fetch(`${app.url}/api/v1/brands/kallesia/shopper-session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderNumber: "KAL-C1", email: "kal-c1@example.com" }),
    });
    const { token } = (await session.json()) as { token: string };
    const returns = (await (
      await fetch(`${app.url}/api/v1/shopper/returns`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { returns: { status: string }[] };
    expect(returns.returns.map((r) => r.status)).toContain("authorized");
  });

  it("the policy editor shows a broken draft's line and a saved scenario failing before publishing", async () => {
    const page = await signIn("admin");
    await page.goto(`${app.url}/console/settings/policy`);
    const editor = page.getByLabel("Policy (YAML)");
    await editor.waitFor();
    await page.getByLabel("Brand").selectOption("castella");
    await expect.poll(async () => (await editor.inputValue()).includes("C-window")).toBe(true);
    await page.getByText("The draft loads.").waitFor();
    const good = await editor.inputValue();
    await expectAccessible(page, "policy editor");

    const broken = good.replace("window: { days: 14,", "window: { days: fourteen,");
    const line = broken.split("\n").findIndex((l) => l.includes("days: fourteen")) + 1;
    await editor.fill(broken);
    await page.getByText("The draft has errors.").waitFor();
    await page.getByRole("button", { name: `Line ${line}` }).waitFor();
    await screenshot(page, "console-policy-error");

    // A saved scenario: a dress sent back in time is refunded 110.00.
    await editor.fill(good);
    await page.getByText("The draft loads.").waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Dress back within the window");
    await page.getByLabel(/Scenario with an expect block/).fill(
      JSON.stringify({
        now: "2026-03-10T15:00:00Z",
        order: {
          number: "T-1",
          placedAt: "2026-03-01T10:00:00Z",
          dispatchedAt: "2026-03-02T09:00:00Z",
          deliveredAt: "2026-03-05T12:00:00Z",
          status: "delivered",
          currency: "USD",
          payment: { method: "card" },
          lines: [
            {
              id: "1",
              sku: "DR-22",
              title: "Linen dress",
              category: "dresses",
              unitPrice: 12000,
              quantity: 1,
            },
          ],
        },
        request: {
          type: "return",
          items: [
            {
              lineId: "1",
              quantity: 1,
              condition: {
                tagsAttached: true,
                worn: false,
                washed: false,
                perfumeResidue: false,
                originalPackaging: true,
              },
            },
          ],
        },
        expect: { outcome: "approved", resolution: { amount: 11000 } },
      }),
    );
    await page.getByRole("button", { name: "Save scenario" }).click();
    await page.getByRole("listitem").filter({ hasText: "Dress back within the window" }).waitFor();

    await editor.fill(good.replace("fee: { amount: 1000,", "fee: { amount: 1500,"));
    await page.getByText("The draft loads.").waitFor();
    await page.getByRole("button", { name: "Run saved scenarios" }).click();
    await page.getByRole("heading", { name: "Scenarios: 0 passed, 1 failed" }).waitFor();
    await page.getByText(/FAIL/).waitFor();
    expect(await page.locator("section", { hasText: "Scenarios:" }).last().textContent()).toContain(
      "amount 10500, expected 11000",
    );
    await page.getByRole("button", { name: "Publish draft" }).click();
    await page.getByText("The draft breaks 1 saved scenario(s).").waitFor();
    await screenshot(page, "console-policy-scenario-failing");
    await expectAccessible(page, "policy editor with a failing scenario");
  });

  it("draws the reports from known rows: the refund and the requests made above", async () => {
    const page = await signIn("admin");
    await page.goto(`${app.url}/console/reports`);
    await page.getByRole("heading", { name: "Reports" }).waitFor();
    await page.getByLabel("Brand").selectOption("castella");
    await page.getByLabel("From", { exact: true }).fill(today());
    await page.getByLabel("To", { exact: true }).fill(today());
    const money = page.locator("figure", { hasText: "Refunds and store credit" });
    await money.getByRole("cell", { name: "refund to original payment" }).waitFor();
    expect(await money.locator("tbody").textContent()).toContain("$110.00");
    const volumes = page.locator("figure", { hasText: "Requests by type" });
    expect(await volumes.locator("tbody").textContent()).toBe("return1");
    const reasons = page.locator("figure", { hasText: "Return reasons" });
    expect(await reasons.locator("tbody").textContent()).toBe("Changed mind2");
    // The charts are drawn (SVG bars), not just the tables.
    await expect.poll(() => volumes.locator("svg .recharts-bar-rectangle").count()).toBe(1);
    const download = page.waitForEvent("download");
    await money.getByRole("button", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^money-castella-.*\.csv$/);
    await expectAccessible(page, "reports");
    await screenshot(page, "console-reports");

    for (const path of [
      "money",
      "discounts",
      "collaborations",
      "settings/macros",
      "settings/users",
      "settings/api-keys",
      "settings/webhooks",
    ]) {
      await page.goto(`${app.url}/console/${path}`);
      await page.locator("main h1").waitFor();
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, `console ${path}`);
      await screenshot(page, `console-${path.replace("/", "-")}`);
    }
    expect(pageErrors(page)).toEqual([]);
  });
});
