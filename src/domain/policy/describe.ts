// `aftercare policy show`: the rules of a policy file in plain English, each with its clause id,
// so an admin can read back what the engine will do.
import { formatMoney } from "../money.ts";
import type { PolicyFile } from "./schema.ts";

const list = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
const cite = (id: string | undefined) => (id ? ` [${id}]` : "");

export function describePolicy(p: PolicyFile): string[] {
  const out: string[] = [];
  const b = p.brand;
  const cur = b.currency;
  out.push(
    `${b.name}: amounts in ${cur}, dates in ${b.timeZone}, business days skip weekends${
      b.holidays
        ? ` and public holidays of ${b.holidays.country}${b.holidays.region ? `-${b.holidays.region}` : ""}`
        : ""
    }.`,
  );
  out.push(
    b.shipsTo === "any"
      ? `Ships to any country checkout accepts.${cite(b.shipsToClause)}`
      : `Ships to ${list(b.shipsTo)}.`,
  );
  const r = p.returns;
  if (!r) out.push("Returns: the policy says nothing; a person decides.");
  else {
    out.push(
      r.window
        ? `Returns: ask within ${r.window.days} days of ${r.window.from} (inclusive, local time).${cite(r.window.clause)}`
        : "Returns: no time limit is set.",
    );
    for (const ex of r.exclusions) {
      out.push(
        `  Not returnable: ${ex.categories ? list(ex.categories) : `lines marked ${ex.flag}`}${
          ex.faultsGoToReview ? " (a suspected fault goes to quality control instead)" : ""
        }.${cite(ex.clause)}`,
      );
    }
    for (const c of r.conditions) {
      out.push(
        `  Condition${c.categories ? ` for ${list(c.categories)}` : ""}: ${c.field} must be ${c.expect ? "yes" : "no"}, otherwise ${c.code}.${cite(c.clause)}`,
      );
    }
    out.push(
      r.fee
        ? `  A fee of ${formatMoney(r.fee.amount, cur)} once per return${r.fee.waivedForApprovedFaults ? ", waived for faults quality control approved" : ""}; a refund never goes below zero.${cite(r.fee.clause)}`
        : "  No return fee.",
    );
    out.push(
      `  Original shipping is ${r.shipping.refunded ? "refunded when everything comes back" : "not refunded"}.${cite(r.shipping.clause)}`,
    );
  }
  const f = p.refunds;
  out.push(
    `Refunds go to ${f.method === "store_credit" ? "store credit" : "the original payment method"}${f.originalMethodOnly ? " only" : ""}.${cite(f.clause)}`,
  );
  for (const s of f.timeline)
    out.push(`  then ${s.name}: up to ${s.businessDays} business days.${cite(s.clause)}`);
  if (f.eCheque?.mustClear)
    out.push(
      `  E-cheque payments must clear first (up to ${f.eCheque.clearingBusinessDays} business days).${cite(f.eCheque.clause)}`,
    );
  out.push(
    p.exchanges?.offered
      ? `Exchanges are offered once the order has arrived.${cite(p.exchanges.clause)}`
      : `No exchanges.${cite(p.exchanges?.clause)}`,
  );
  const words = {
    approve: "allowed",
    review: "a best-effort request a person decides",
    refuse: "not possible",
  } as const;
  if (p.cancellation) {
    out.push(
      `Cancelling before dispatch: ${words[p.cancellation.beforeDispatch]}${
        p.cancellation.beforeDispatch === "approve"
          ? `, paid back as ${p.cancellation.resolution.replace(/_/g, " ")}`
          : ""
      }; after dispatch it is refused.${cite(p.cancellation.clause)}`,
    );
  }
  if (p.amendment)
    out.push(
      `Changing details before dispatch: ${words[p.amendment.beforeDispatch]}; after dispatch it is refused.${cite(p.amendment.clause)}`,
    );
  for (const [name, c] of [
    ["Missing items", p.missingItem],
    ["Faulty items", p.faultyItem],
  ] as const) {
    if (!c) continue;
    const e = c.evidence;
    const needs = [
      e.missingLines ? "the missing lines" : "",
      e.itemsReceivedPhotos ? `${e.itemsReceivedPhotos}+ photo of what arrived` : "",
      e.parcelPhotosIfDamaged ? `${e.parcelPhotosIfDamaged}+ photo of a damaged parcel` : "",
      e.fullItemPhotos ? `${e.fullItemPhotos}+ photo of the whole item` : "",
      e.faultPhotos ? `${e.faultPhotos}+ photo of the fault` : "",
      e.anyPhotos ? `${e.anyPhotos}+ photo` : "",
      e.description ? "a description" : "",
    ].filter(Boolean);
    out.push(
      `${name}: ${c.window ? `report within ${c.window.days} days of ${c.window.from}` : "no time limit"}; needs ${list(needs) || "nothing specific"}; then ${c.reviewCode === "QC_APPROVAL_REQUIRED" ? "quality control approves" : "a person investigates"}.${cite(c.clause)}`,
    );
  }
  if (p.lostPackage) {
    out.push(
      p.lostPackage.handling === "carrier"
        ? `Lost parcels with tracking are the courier's matter.${cite(p.lostPackage.clause)}`
        : `Lost parcels are investigated by the team.${cite(p.lostPackage.clause)}`,
    );
  }
  if (p.lostReturn) {
    out.push(
      `Lost returns: ${p.lostReturn.proofOfPostageRequired ? "tracked proof of postage is required" : "the team investigates"}.${cite(p.lostReturn.clause)}`,
    );
  }
  if (p.discounts) {
    out.push(
      `Discount codes: ${p.discounts.retroactive ? "can" : "cannot"} be added to placed orders${
        p.discounts.excludeSaleItemsDuringPromotion ? "; during promotions they skip sale items" : ""
      }.${cite(p.discounts.clause)}`,
    );
  }
  for (const [country, c] of Object.entries(p.customs)) {
    const needs = [c.phone ? "a phone number" : "", c.taxId ? c.taxId.replace(/_/g, " ") : ""].filter(
      Boolean,
    );
    out.push(`Customs for ${country}: ${list(needs)}.${cite(c.clause)}`);
  }
  return out;
}
