import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const shared = resolve(root, "../shared");
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(root, "bin/aftercare.mjs"), ...args], {
    cwd: root,
    input,
    encoding: "utf8",
  });

const scenario = (id: string, request: object, extra: object = {}) => ({
  id,
  brand: "castella",
  now: "2026-03-09T15:00:00Z",
  order: {
    number: "CA-1",
    placedAt: "2026-03-01T10:00:00Z",
    currency: "USD",
    shippingCountry: "US",
    payment: { method: "card", cleared: true },
    shippingCharged: 800,
    discountTotal: 0,
    status: "delivered",
    dispatchedAt: "2026-03-02T09:00:00Z",
    deliveredAt: "2026-03-05T12:00:00Z",
    lines: [
      {
        id: "1",
        sku: "DR",
        title: "Dress",
        category: "dresses",
        unitPrice: 12000,
        quantity: 1,
        returnedQuantity: 0,
        finalSale: false,
        onSale: false,
      },
    ],
  },
  request,
  ...extra,
});
const ok = {
  tagsAttached: true,
  worn: false,
  washed: false,
  perfumeResidue: false,
  originalPackaging: true,
  hygieneStripIntact: null,
};

describe("aftercare policy check", () => {
  it("reads JSON Lines from stdin and answers in input order, one decision each", () => {
    const input = [
      scenario("a", {
        type: "return",
        items: [{ lineId: "1", quantity: 1, reason: "changed_mind", condition: ok }],
      }),
      scenario("b", {
        type: "exchange",
        items: [{ lineId: "1", quantity: 1, reason: "size", condition: ok }],
      }),
    ]
      .map((s) => JSON.stringify(s))
      .join("\n");
    const run = cli(["policy", "check", "-"], input);
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["a", "b"]);
    expect(lines[0]).toMatchObject({
      outcome: "approved",
      resolution: { method: "refund_original_payment", amount: 11000, currency: "USD" },
    });
    expect(lines[0].notices.map((n: { code: string }) => n.code)).toEqual([
      "SHIPPING_NOT_REFUNDED",
      "RETURN_FEE_DEDUCTED",
      "REFUND_TO_ORIGINAL_PAYMENT_ONLY",
    ]);
    expect(lines[0].notices[1].clause).toMatchObject({ id: "C-fee" });
    expect(lines[1]).toMatchObject({ outcome: "rejected", reasons: [{ code: "EXCHANGE_NOT_OFFERED" }] });
  });

  it("reports a malformed scenario as INVALID_SCENARIO naming the field, still evaluates the rest, exits 1", () => {
    const bad = scenario("bad", { type: "cancel" });
    (bad.order.lines[0] as { unitPrice: unknown }).unitPrice = "12.00";
    const input = [
      JSON.stringify(bad),
      "{not json",
      JSON.stringify(scenario("good", { type: "cancel", reason: "changed_mind" })),
    ].join("\n");
    const run = cli(["policy", "check", "-"], input);
    expect(run.status).toBe(1);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].id).toBe("bad");
    expect(lines[0].error.code).toBe("INVALID_SCENARIO");
    expect(lines[0].error.message).toContain("order.lines[0].unitPrice");
    expect(lines[1].error).toMatchObject({ code: "INVALID_SCENARIO" });
    expect(lines[1].error.message).toContain("stdin line 2");
    expect(lines[2]).toMatchObject({
      id: "good",
      outcome: "rejected",
      reasons: [{ code: "ALREADY_DISPATCHED" }],
    });
  });

  it("reads a folder of scenario files in name order and honours --brand", () => {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-policy-"));
    writeFileSync(
      join(dir, "2.json"),
      JSON.stringify(scenario("second", { type: "lost_return", proofOfPostage: false })),
    );
    writeFileSync(
      join(dir, "1.json"),
      JSON.stringify(scenario("first", { type: "lost_return", proofOfPostage: false })),
    );
    const run = cli(["policy", "check", "--brand", "kallesia", dir]);
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["first", "second"]);
    expect(lines[0].reasons[0]).toMatchObject({
      code: "PROOF_OF_POSTAGE_REQUIRED",
      clause: { id: "K-lost-return" },
    });
  });

  it("names an unknown brand instead of guessing", () => {
    const run = cli(
      ["policy", "check", "--brand", "nobody", "-"],
      JSON.stringify(scenario("x", { type: "lost_package" })),
    );
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: "UNKNOWN_BRAND" });
  });
});

describe("aftercare policy test and show", () => {
  it("replays scenarios with expectations and prints each failure and a summary", () => {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-policy-test-"));
    writeFileSync(
      join(dir, "pass.json"),
      JSON.stringify({
        ...scenario("pass", { type: "lost_package" }),
        expect: { outcome: "rejected", reasons: ["CARRIER_RESPONSIBILITY"] },
      }),
    );
    writeFileSync(
      join(dir, "fail.json"),
      JSON.stringify({ ...scenario("fail", { type: "lost_package" }), expect: { outcome: "approved" } }),
    );
    const run = cli(["policy", "test", dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("FAIL fail: outcome rejected, expected approved");
    expect(run.stdout).toContain("1 passed, 1 failed");
  });

  it("tests a draft policy file before it is published", () => {
    const draft = readFileSync(join(root, "brands/castella/policy.yaml"), "utf8").replace(
      "days: 14, from: delivery, clause: C-window }\n  exclusions",
      "days: 30, from: delivery, clause: C-window }\n  exclusions",
    );
    const dir = mkdtempSync(join(tmpdir(), "aftercare-draft-"));
    writeFileSync(join(dir, "draft.yaml"), draft);
    const late = {
      ...scenario(
        "late",
        { type: "return", items: [{ lineId: "1", quantity: 1, reason: "fit", condition: ok }] },
        { now: "2026-03-27T15:00:00Z" },
      ),
      expect: { outcome: "approved" },
    };
    writeFileSync(join(dir, "late.json"), JSON.stringify(late));
    expect(cli(["policy", "test", join(dir, "late.json")]).stdout).toContain("0 passed, 1 failed");
    expect(
      cli(["policy", "test", "--policy", join(dir, "draft.yaml"), join(dir, "late.json")]).stdout,
    ).toContain("1 passed, 0 failed");
  });

  it("prints a brand's rules in plain English with their clause ids", () => {
    const run = cli(["policy", "show", "castella"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Returns: ask within 14 days of delivery");
    expect(run.stdout).toContain("USD 10.00");
    expect(run.stdout).toContain("[C-excluded]");
  });

  it("explains an invalid policy file with its path and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-bad-policy-"));
    writeFileSync(join(dir, "bad.yaml"), "brand:\n  name: X\n  currency: usd\n  timeZone: UTC\n");
    const run = cli(["policy", "show", join(dir, "bad.yaml")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("bad.yaml:3 at brand.currency");
  });
});

describe.runIf(existsSync(join(shared, "tools/eval-policy.mjs")))("shared policy scenarios", () => {
  it("passes every public sample scenario", () => {
    const run = spawnSync(
      process.execPath,
      [join(shared, "tools/eval-policy.mjs"), join(shared, "eval/policy-dev")],
      { cwd: root, encoding: "utf8" },
    );
    expect(run.stdout).toMatch(/scenarios: (\d+) passed, 0 failed/);
    expect(run.status).toBe(0);
  });
});
