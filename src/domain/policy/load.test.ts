import { describe, expect, it } from "vitest";
import { PolicyLoadError, parsePolicy, policyFromObject } from "./load.ts";
import { brandPolicyPath, loadBrandPolicy } from "./test-scenarios.ts";

const BASE = `version: 1
brand:
  name: Test
  currency: USD
  timeZone: America/New_York
clauses:
  R-window: "Ask within the window."
`;

function loadError(text: string, source = "test-brand/policy.yaml"): PolicyLoadError {
  try {
    parsePolicy(text, source);
  } catch (e) {
    if (e instanceof PolicyLoadError) return e;
    throw e;
  }
  throw new Error("expected the policy to be refused");
}

describe("the bundled brand policies", () => {
  it("loads Castélla with its rules and clauses resolved", () => {
    const p = loadBrandPolicy("castella");
    expect(p.file.brand.currency).toBe("USD");
    expect(p.file.brand.timeZone).toBe("America/New_York");
    expect(p.file.returns?.window).toEqual({ days: 14, from: "delivery", clause: "C-window" });
    expect(p.file.returns?.fee?.amount).toBe(1000);
    expect(p.clause("C-fee")?.quote).toMatch(/10 USD/);
    expect(p.clause("C-nope")).toBeUndefined();
    expect(p.clause(undefined)).toBeUndefined();
  });

  it("loads Kallesia with no return window and no fee", () => {
    const p = loadBrandPolicy("kallesia");
    expect(p.file.brand.currency).toBe("GBP");
    expect(p.file.brand.holidays).toEqual({ country: "GB", region: "ENG" });
    expect(p.file.returns?.window).toBeNull();
    expect(p.file.returns?.fee).toBeNull();
    expect(Object.keys(p.file.customs).sort()).toEqual(["MX", "TR"]);
  });

  it("gives every clause a rule cites a quote in the file", () => {
    for (const slug of ["castella", "kallesia"] as const) {
      const p = loadBrandPolicy(slug);
      const cited = JSON.stringify(p.file).match(/"(?:\w*[cC]lause)":"([^"]+)"/g) ?? [];
      expect(cited.length).toBeGreaterThan(5);
      for (const c of cited) {
        const id = c.split(":")[1]?.replaceAll('"', "") ?? "";
        expect(p.clause(id)?.quote, `${slug} ${id}`).toBeTruthy();
      }
    }
    expect(brandPolicyPath("castella")).toMatch(/brands\/castella\/policy\.yaml$/);
  });
});

describe("policy load errors", () => {
  it("names the file, the path and the line of a negative window", () => {
    const e = loadError(`${BASE}returns:\n  window:\n    days: -3\n    clause: R-window\n`);
    expect(e.source).toBe("test-brand/policy.yaml");
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ path: "returns.window.days", line: 10 });
    expect(e.message).toContain("test-brand/policy.yaml:10 at returns.window.days");
    expect(e.name).toBe("PolicyLoadError");
  });

  it("refuses a clause id that is not defined under clauses", () => {
    const e = loadError(`${BASE}returns:\n  window: { days: 14, clause: R-missing }\n`);
    expect(e.problems).toEqual([
      {
        path: "returns.window.clause",
        line: 9,
        message: "clause 'R-missing' is not defined under 'clauses'",
      },
    ]);
    expect(e.message).toContain("test-brand/policy.yaml:9 at returns.window.clause");
  });

  it("refuses an unknown key, naming it", () => {
    const e = loadError(`${BASE}returns:\n  windw: { days: 14, clause: R-window }\n`);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]?.path).toBe("returns");
    expect(e.problems[0]?.line).toBe(8);
    expect(e.problems[0]?.message).toContain("windw");
  });

  it("refuses an unknown time zone", () => {
    const e = loadError(BASE.replace("America/New_York", "America/Atlantis"));
    expect(e.problems).toEqual([
      { path: "brand.timeZone", line: 5, message: "'America/Atlantis' is not an IANA time zone" },
    ]);
  });

  it("refuses a holiday calendar that does not exist", () => {
    const e = loadError(`${BASE.replace("clauses:", "  holidays: { country: GB, region: XYZ }\nclauses:")}`);
    expect(e.problems[0]).toMatchObject({ path: "brand.holidays", line: 6 });
    expect(e.problems[0]?.message).toContain("GB/XYZ");
  });

  it("reports a YAML syntax error with its line", () => {
    const e = loadError(`${BASE}returns:\n  window: { days: 14, clause: R-window\n  fee: 3\n`);
    expect(e.problems.length).toBeGreaterThan(0);
    expect(e.problems[0]?.path).toBe("");
    expect(e.problems[0]?.line).toBeGreaterThanOrEqual(9);
    expect(e.message).toMatch(/^test-brand\/policy\.yaml: invalid policy/);
  });

  it("lists every problem at once, each with its path and line", () => {
    const e = loadError(
      `${BASE}returns:\n  window: { days: -1, clause: R-window }\n  fee: { amount: 12.5, clause: R-window }\nexchanges: { offered: maybe }\n`,
    );
    const byPath = Object.fromEntries(e.problems.map((p) => [p.path, p.line]));
    expect(byPath).toEqual({ "returns.window.days": 9, "returns.fee.amount": 10, "exchanges.offered": 11 });
  });

  it("refuses a bad currency and a missing brand name", () => {
    const e = loadError("brand:\n  currency: dollars\n  timeZone: UTC\n");
    const paths = e.problems.map((p) => p.path).sort();
    expect(paths).toEqual(["brand.currency", "brand.name"]);
    expect(e.problems.find((p) => p.path === "brand.currency")?.line).toBe(2);
  });

  it("accepts the smallest policy: a brand and nothing else", () => {
    const p = parsePolicy("brand:\n  name: Tiny\n  currency: EUR\n  timeZone: Europe/Paris\n", "tiny.yaml");
    expect(p.file.returns).toBeNull();
    expect(p.file.refunds.method).toBe("original_payment");
    expect(p.file.customs).toEqual({});
  });

  it("validates an already-parsed object the same way, without lines", () => {
    expect(() =>
      policyFromObject({ brand: { name: "X", currency: "USD", timeZone: "UTC" } }, "api"),
    ).not.toThrow();
    try {
      policyFromObject(
        {
          brand: { name: "X", currency: "USD", timeZone: "UTC" },
          cancellation: { beforeDispatch: "approve", clause: "nope" },
        },
        "api",
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyLoadError);
      if (e instanceof PolicyLoadError) {
        expect(e.problems).toEqual([
          {
            path: "cancellation.clause",
            line: null,
            message: "clause 'nope' is not defined under 'clauses'",
          },
        ]);
        expect(e.message).toContain("api at cancellation.clause");
      }
    }
  });
});
