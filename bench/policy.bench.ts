// Policy engine throughput: decisions per second for a mixed batch of both brands' request types,
// evaluated in-process. Printed as a rate and as a ratio against a baseline measured in the same
// run (cloning each scenario), so numbers stay comparable across machines.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BRANDS_DIR } from "../src/app/brands/brand-policies.ts";
import { evaluate } from "../src/domain/policy/evaluate.ts";
import { parsePolicy } from "../src/domain/policy/load.ts";
import type { Policy } from "../src/domain/policy/schema.ts";
import { parseScenario, type Scenario } from "../src/domain/scenario.ts";

const policies: Record<string, Policy> = Object.fromEntries(
  ["kallesia", "castella"].map((slug) => {
    const path = join(BRANDS_DIR, slug, "policy.yaml");
    return [slug, parsePolicy(readFileSync(path, "utf8"), path)];
  }),
);

const condition = {
  tagsAttached: true,
  worn: false,
  washed: false,
  perfumeResidue: false,
  originalPackaging: true,
  hygieneStripIntact: null,
};
const categories = ["dresses", "undergarments", "swimwear", "accessories", "tops", "skirts"];

function order(i: number, brand: string) {
  const delivered = i % 5 !== 0;
  return {
    number: `${brand.slice(0, 2).toUpperCase()}-${10000 + i}`,
    placedAt: "2026-03-01T10:00:00Z",
    currency: brand === "castella" ? "USD" : "GBP",
    shippingCountry: brand === "castella" ? "US" : "GB",
    payment: { method: i % 7 === 0 ? "e_cheque" : "card", cleared: i % 14 !== 0 },
    shippingCharged: 800,
    discountTotal: i % 3 === 0 ? 500 : 0,
    status: delivered ? "delivered" : "placed",
    dispatchedAt: delivered ? "2026-03-02T09:00:00Z" : null,
    deliveredAt: delivered ? "2026-03-05T12:00:00Z" : null,
    lines: [1, 2, 3].map((n) => ({
      id: String(n),
      sku: `SKU-${n}`,
      title: `Item ${n}`,
      category: categories[(i + n) % categories.length],
      unitPrice: 1000 * n + (i % 10) * 100,
      quantity: 1 + (n % 2),
      returnedQuantity: 0,
      finalSale: (i + n) % 9 === 0,
      onSale: (i + n) % 4 === 0,
    })),
  };
}

const requests = [
  {
    type: "return",
    items: [
      { lineId: "1", quantity: 1, reason: "changed_mind", condition },
      { lineId: "2", quantity: 1, reason: "fit", condition },
    ],
  },
  { type: "exchange", items: [{ lineId: "3", quantity: 1, reason: "size", condition, wantedSku: "X" }] },
  { type: "cancel", reason: "changed_mind" },
  { type: "amend", changes: { phone: "+44 7400 123456" } },
  {
    type: "missing_item",
    missingLineIds: ["1"],
    evidence: { itemsReceivedPhotos: 1, parcelPhotos: 1, parcelDamaged: true },
  },
  {
    type: "faulty_item",
    lineId: "2",
    description: "seam open",
    evidence: { fullItemPhotos: 1, faultPhotos: 1 },
  },
  { type: "lost_package" },
  { type: "lost_return", proofOfPostage: true },
  { type: "apply_discount", code: "WELCOME10" },
  { type: "discount_quote", code: { code: "SPRING", percentOff: 15 }, promotionActive: true },
  { type: "customs_check", country: "MX", phone: "+52 33 9876 5432", taxId: "GODE561231GR8" },
  { type: "refund_timeline", returnDeliveredAt: "2026-03-11T11:00:00Z" },
];

const raw = Array.from({ length: 2400 }, (_, i) => {
  const brand = i % 2 ? "castella" : "kallesia";
  return {
    id: `b${i}`,
    brand,
    now: `2026-03-${String(6 + (i % 20)).padStart(2, "0")}T15:00:00Z`,
    order: order(i, brand),
    request: requests[i % requests.length],
  };
});
const parsed: Scenario[] = raw.map((r) => parseScenario(r));

function rate(label: string, rounds: number, fn: () => void): number {
  fn(); // warm-up: JIT and holiday caches
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = (rounds * raw.length) / seconds;
  console.log(`${label.padEnd(34)} ${Math.round(perSecond).toLocaleString("en").padStart(12)} /s`);
  return perSecond;
}

let sink = 0;
const baseline = rate("baseline: structuredClone scenario", 5, () => {
  for (const r of raw) sink += structuredClone(r).order.lines.length;
});
const evalOnly = rate("evaluate (validated scenarios)", 10, () => {
  for (const s of parsed) sink += evaluate(policies[s.brand ?? "kallesia"] as Policy, s).resolution.amount;
});
const full = rate("validate + evaluate (raw JSON)", 5, () => {
  for (const r of raw) sink += evaluate(policies[r.brand] as Policy, parseScenario(r)).resolution.amount;
});
console.log(`ratio evaluate / baseline:           ${(evalOnly / baseline).toFixed(2)}x`);
console.log(`ratio validate+evaluate / baseline:  ${(full / baseline).toFixed(2)}x`);
console.log(`target: >= 50,000 decisions/s for validate + evaluate -> ${full >= 50_000 ? "met" : "NOT met"}`);
if (sink === -1) console.log("");
