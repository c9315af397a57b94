// The emails Aftercare sends, one function per template: facts in, content out (rendered by layout.ts).
// Wording is Aftercare's own; facts (numbers, dates, amounts, links) come from the caller's data only.
import { formatMoney } from "../../domain/money.ts";
import type { BrandLook, MailContent } from "./layout.ts";

/** "Monday, 14 December 2026" for a YYYY-MM-DD local date. */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}

export interface LineFact {
  readonly title: string;
  readonly quantity: number;
  /** Minor units, the line's total. */
  readonly amount: number;
}

export function orderConfirmation(
  brand: BrandLook,
  d: { number: string; currency: string; total: number; lines: readonly LineFact[]; modifyUrl: string },
): MailContent {
  return {
    subject: `${brand.name}: order ${d.number} confirmed`,
    heading: "Thank you for your order",
    paragraphs: [
      `We have your order ${d.number} and will let you know as soon as it leaves us.`,
      "Need to change the address or another detail? Use the button below while the order has not been dispatched.",
    ],
    facts: [
      ["Order", d.number],
      ...d.lines.map((l): [string, string] => [
        `${l.quantity} × ${l.title}`,
        formatMoney(l.amount, d.currency),
      ]),
      ["Total", formatMoney(d.total, d.currency)],
    ],
    button: { label: "Modify order", url: d.modifyUrl },
  };
}

export function shippingConfirmation(
  brand: BrandLook,
  d: { number: string; trackingNumber: string | null; courier: string | null; trackUrl: string },
): MailContent {
  return {
    subject: `${brand.name}: order ${d.number} is on its way`,
    heading: "Your order has shipped",
    paragraphs: ["Your parcel has left us. Follow it with the button below."],
    facts: [
      ["Order", d.number],
      ...(d.trackingNumber ? [["Tracking number", d.trackingNumber] as [string, string]] : []),
      ...(d.courier ? [["Delivered by", d.courier] as [string, string]] : []),
    ],
    button: { label: "Track my order", url: d.trackUrl },
  };
}

export function orderChangeOutcome(
  brand: BrandLook,
  d: {
    number: string;
    kind: "amendment" | "cancellation";
    approved: boolean;
    /** Cancellations: where the money goes. */
    refundMethod?: "store_credit" | "original_payment" | null;
    amount?: number | null;
    currency: string;
    note?: string | null;
    orderUrl: string;
  },
): MailContent {
  const what = d.kind === "amendment" ? "change to your order" : "cancellation";
  const facts: [string, string][] = [["Order", d.number]];
  const paragraphs: string[] = [];
  if (d.approved && d.kind === "cancellation") {
    paragraphs.push(`Your order ${d.number} has been cancelled.`);
    if (d.amount && d.refundMethod === "store_credit") {
      paragraphs.push("The amount you paid has been added to your account as store credit.");
      facts.push(["Store credit", formatMoney(d.amount, d.currency)]);
    } else if (d.amount) {
      paragraphs.push("The amount you paid is being refunded to your original payment method.");
      facts.push(["Refund", formatMoney(d.amount, d.currency)]);
    }
  } else if (d.approved) {
    paragraphs.push(`The change you asked for on order ${d.number} has been made.`);
  } else {
    paragraphs.push(`We could not make the ${what} you asked for on order ${d.number}.`);
  }
  if (d.note) paragraphs.push(d.note);
  return {
    subject: `${brand.name}: ${d.approved ? "update" : "about your request"} on order ${d.number}`,
    heading: d.approved ? `Your ${what} is done` : `About your ${what}`,
    paragraphs,
    facts,
    button: { label: "View my order", url: d.orderUrl },
  };
}

export function returnAuthorised(
  brand: BrandLook,
  d: {
    rma: string;
    number: string;
    lines: readonly LineFact[];
    currency: string;
    quoted: number;
    returnUrl: string;
  },
): MailContent {
  return {
    subject: `${brand.name}: return ${d.rma} authorised`,
    heading: "Your return is authorised",
    paragraphs: [`Your return for order ${d.number} is approved. Please pack it as described below.`],
    facts: [
      ["Return number (RMA)", d.rma],
      ["Order", d.number],
      ...d.lines.map((l): [string, string] => [
        `${l.quantity} × ${l.title}`,
        formatMoney(l.amount, d.currency),
      ]),
      ["Expected refund", formatMoney(d.quoted, d.currency)],
    ],
    steps: [
      "Put the items back in their original packaging with any tags still attached.",
      `Write the return number ${d.rma} on a note inside the parcel, or print the packing slip from the return page.`,
      "Send the parcel and add its tracking number on the return page so we can follow it.",
    ],
    button: { label: "Open my return", url: d.returnUrl },
  };
}

export function returnReceived(
  brand: BrandLook,
  d: {
    rma: string;
    receivedOn: string;
    inspectionBy: string | null;
    refundBy: string | null;
    returnUrl: string;
  },
): MailContent {
  return {
    subject: `${brand.name}: return ${d.rma} has arrived`,
    heading: "We have your return",
    paragraphs: [
      "Your parcel has reached our warehouse. We will check it and write again once it is processed.",
    ],
    facts: [
      ["Return number (RMA)", d.rma],
      ["Arrived", longDate(d.receivedOn)],
      ...(d.inspectionBy ? [["Checked by", longDate(d.inspectionBy)] as [string, string]] : []),
      ...(d.refundBy ? [["Refund expected by", longDate(d.refundBy)] as [string, string]] : []),
    ],
    button: { label: "Follow my return", url: d.returnUrl },
  };
}

export function refundIssued(
  brand: BrandLook,
  d: {
    number: string;
    rma: string | null;
    amount: number;
    currency: string;
    method: "original_payment" | "store_credit";
    expectedBy: string | null;
    url: string;
  },
): MailContent {
  const facts: [string, string][] = [["Order", d.number]];
  if (d.rma) facts.push(["Return number (RMA)", d.rma]);
  facts.push([d.method === "store_credit" ? "Store credit" : "Refund", formatMoney(d.amount, d.currency)]);
  if (d.expectedBy) facts.push(["Expected in your account by", longDate(d.expectedBy)]);
  return {
    subject: `${brand.name}: your ${d.method === "store_credit" ? "store credit" : "refund"} for order ${d.number}`,
    heading: d.rma ? "Your return is processed" : "Your refund is on its way",
    paragraphs: [
      d.method === "store_credit"
        ? "The amount below has been added to your account as store credit."
        : "We have issued the refund below to your original payment method. Banks can take a few business days to show it.",
    ],
    facts,
    button: { label: "View details", url: d.url },
  };
}

const CLAIM_WORDS: Record<string, string> = {
  missing: "missing item",
  faulty: "faulty item",
  lost_package: "lost parcel",
  lost_return: "lost return",
};

export function claimReceived(
  brand: BrandLook,
  d: { kind: string; number: string; url: string },
): MailContent {
  const what = CLAIM_WORDS[d.kind] ?? "report";
  return {
    subject: `${brand.name}: we received your ${what} report for order ${d.number}`,
    heading: `Your ${what} report is in`,
    paragraphs: ["Thank you for letting us know. The team will look into it and reply by email."],
    facts: [["Order", d.number]],
    button: { label: "See my report", url: d.url },
  };
}

export function claimMoreInformation(
  brand: BrandLook,
  d: { kind: string; number: string; needed: string; url: string },
): MailContent {
  const what = CLAIM_WORDS[d.kind] ?? "report";
  return {
    subject: `${brand.name}: more information needed for order ${d.number}`,
    heading: "We need a little more from you",
    paragraphs: [`To decide on your ${what} report we need:`, d.needed],
    facts: [["Order", d.number]],
    button: { label: "Add information", url: d.url },
  };
}

export function claimDecided(
  brand: BrandLook,
  d: {
    kind: string;
    number: string;
    outcome: "reship" | "refund" | "decline";
    amount?: number | null;
    currency: string;
    reason?: string | null;
    url: string;
  },
): MailContent {
  const what = CLAIM_WORDS[d.kind] ?? "report";
  const facts: [string, string][] = [["Order", d.number]];
  const paragraphs: string[] = [];
  if (d.outcome === "reship") paragraphs.push("We are sending the item(s) to you again.");
  if (d.outcome === "refund") {
    paragraphs.push("We are refunding you for the item(s).");
    if (d.amount) facts.push(["Refund", formatMoney(d.amount, d.currency)]);
  }
  if (d.outcome === "decline")
    paragraphs.push("We looked into your report and cannot offer a remedy this time.");
  if (d.reason) paragraphs.push(d.reason);
  return {
    subject: `${brand.name}: decision on your ${what} report for order ${d.number}`,
    heading: `About your ${what} report`,
    paragraphs,
    facts,
    button: { label: "See the decision", url: d.url },
  };
}

/** The brand's sign-off under every reply: the agent's name when known, then the brand's team. */
export function replySignature(brand: BrandLook, agentName: string | null | undefined): string {
  const team = `${brand.name} customer care`;
  return agentName?.trim() ? `${agentName.trim()}\n${team}` : team;
}

export function staffReply(
  brand: BrandLook,
  d: { subject: string; body: string; url: string | null; agentName?: string | null },
): MailContent {
  return {
    subject: d.subject.toLowerCase().startsWith("re:") ? d.subject : `Re: ${d.subject}`,
    heading: `A reply from ${brand.name}`,
    paragraphs: ["Reply to this email to answer; your message goes straight back to the team."],
    quote: `${d.body}\n\n${replySignature(brand, d.agentName)}`,
    ...(d.url ? { button: { label: "Open the conversation", url: d.url } } : {}),
  };
}

export function collaborationReply(
  brand: BrandLook,
  d: { name: string; platform: string; handle: string; body: string },
): MailContent {
  return {
    subject: `${brand.name}: about your collaboration application`,
    heading: `Hello ${d.name}`,
    paragraphs: ["Thank you for applying to collaborate with us. Here is our answer:"],
    facts: [
      ["Platform", d.platform],
      ["Handle", `@${d.handle}`],
    ],
    quote: d.body,
  };
}

export function satisfactionSurvey(
  brand: BrandLook,
  d: { subject: string; rateUrl: (score: number) => string },
): MailContent {
  return {
    subject: `${brand.name}: how did we do?`,
    heading: "How did we do?",
    paragraphs: [
      `Your request "${d.subject}" is solved. One click tells us how it went, from 1 (poor) to 5 (excellent).`,
    ],
    links: [1, 2, 3, 4, 5].map((score) => ({ label: String(score), url: d.rateUrl(score) })),
  };
}

export function returnShipReminder(
  brand: BrandLook,
  d: { rma: string; number: string; authorisedOn: string; returnUrl: string },
): MailContent {
  return {
    subject: `${brand.name}: return ${d.rma} is waiting to be sent`,
    heading: "Your return is still with you",
    paragraphs: [
      `Your return for order ${d.number} was authorised on ${longDate(d.authorisedOn)} and we have not seen it on its way yet.`,
      "Once you have sent it, add the tracking number on the return page so we can follow it.",
    ],
    facts: [
      ["Return number (RMA)", d.rma],
      ["Order", d.number],
    ],
    button: { label: "Open my return", url: d.returnUrl },
  };
}
