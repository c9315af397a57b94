// Recognises when a shopper wants to do something (track, return, report a problem) rather than
// read a policy, so the assistant can point to the portal flow that does it. Policy questions
// ("What is the return window?") stay FAQ even when they mention returns.

import { normalize } from "./text.ts";
import type { AssistantIntent } from "./types.ts";

export type ActionIntent = Exclude<AssistantIntent, "faq">;

interface IntentRule {
  readonly intent: ActionIntent;
  /** Portal flow that handles it. */
  readonly flow: string;
  /** Concepts added (at low weight) to the retrieval query, so the policy that governs the flow is cited. */
  readonly hint: readonly string[];
  /** Patterns over the normalised question (lower-case, contractions expanded). */
  readonly patterns: readonly RegExp[];
  /** Whether a policy-style question ("what is…", "do you…") about the topic stays an FAQ. */
  readonly policyCanOverride: boolean;
  /** Whether shoppers can usually do it themselves, so passages on doing so answer best. */
  readonly selfService?: boolean;
}

const WANT = String.raw`(?:i|we)\s+(?:want|would like|need|wish|am trying|have to|am looking)\s+to|how\s+(?:do|can|should|would)\s+i|help me|can you|could you|please|let me|i would like to|id like to|i d like to|start|begin|request|make|open|raise|file|log|submit|process|arrange`;

const RULES: readonly IntentRule[] = [
  {
    intent: "talk_to_person",
    flow: "contact",
    hint: ["contact", "support"],
    policyCanOverride: false,
    patterns: [
      /\b(?:talk|speak|chat|connect|transfer|put me through|escalate)\b.{0,40}\b(?:person|human|agent|someone|somebody|representative|rep|staff|advisor|adviser|operator|real people|member of (?:your |the )?(?:team|staff)|customer service)\b/,
      /\b(?:real|actual|live)\s+(?:person|human|agent|chat)\b/,
      /^(?:human|agent|operator|representative|person)(?: please)?$/,
    ],
  },
  {
    intent: "track_order",
    flow: "track",
    hint: ["track"],
    policyCanOverride: false,
    patterns: [
      /\btrack(?:ing)?\b.{0,30}\b(?:order|parcel|package|delivery|shipment|return)\b/,
      /\b(?:where is|where are|status of|update on)\s+(?:my|our)\s+(?:order|parcel|package|delivery|shipment|stuff|items?)\b/,
      /\bwhen will my (?:order|parcel|package|delivery) (?:arrive|come|be delivered)\b/,
    ],
  },
  {
    intent: "report_missing",
    flow: "missing",
    hint: ["missing"],
    policyCanOverride: false,
    patterns: [
      /\b(?:missing|left out|not included)\b.{0,40}\b(?:item|items|product|parcel|package|order|piece)\b/,
      /\b(?:item|items|product|piece|something)\b.{0,30}\b(?:missing|left out|not (?:included|in the (?:parcel|package|box)))\b/,
    ],
  },
  {
    intent: "lost_parcel",
    flow: "lost",
    hint: ["lost", "courier"],
    policyCanOverride: false,
    patterns: [
      /\b(?:parcel|package|order|delivery|shipment)\b.{0,30}\b(?:lost|stolen|never (?:arrived|came|turned up)|not (?:arrived|delivered|received)|missing)\b/,
      /\b(?:lost|stolen)\s+(?:my\s+)?(?:parcel|package|order|delivery|shipment)\b/,
      /\bsays delivered\b|\bmarked as delivered\b|\bshows delivered\b/,
    ],
  },
  {
    intent: "report_faulty",
    flow: "faulty",
    hint: ["fault"],
    policyCanOverride: false,
    patterns: [/\b(?:faulty|defective|broken|damaged|ripped|torn|fault|defect|falling apart|hole in)\b/],
  },
  {
    intent: "start_exchange",
    flow: "exchange",
    hint: ["exchange"],
    policyCanOverride: true,
    patterns: [new RegExp(String.raw`\b(?:${WANT})\b.{0,30}\b(?:exchange|swap)\b`), /^(?:exchange|swap)\b/],
  },
  {
    intent: "cancel_order",
    flow: "cancel",
    hint: ["cancel"],
    policyCanOverride: true,
    patterns: [/\bcancel(?:l?ing|l?ed|lation)?\b.{0,25}\b(?:order|purchase|it)\b/, /^cancel\b/],
  },
  {
    intent: "change_order",
    flow: "change",
    hint: ["amend"],
    policyCanOverride: true,
    selfService: true,
    patterns: [
      /\b(?:change|amend|modify|edit|update|correct|fix)\b.{0,30}\b(?:order|address|postcode|post code|zip code|phone|email|details|delivery)\b/,
      /\bwrong (?:address|postcode|post code|zip code|phone|email|details|house number|flat number|apartment number|house|flat)\b/,
      /\b(?:order|address|postcode|details)\b.{0,40}\b(?:fix|change|correct|edit|update|amend) (?:it|that|this)\b/,
      /\b(?:address|postcode|post code|zip code|phone|email|details|name)\b.{0,15}\bwrong\b/,
      /\b(?:typo|misspelt|misspelled)\b.{0,30}\b(?:order|address|postcode|name|details)\b/,
    ],
  },
  {
    intent: "start_return",
    flow: "return",
    hint: ["return"],
    policyCanOverride: true,
    patterns: [
      new RegExp(String.raw`\b(?:${WANT})\b.{0,30}\b(?:return|send\b.{0,25}\bback)\b`),
      /^(?:return|send back)\b/,
    ],
  },
];

/**
 * A question about policy rather than a request to act: "what is", "is there", "do you", or one
 * that asks about windows, fees, timing or eligibility.
 */
const POLICY_QUESTION =
  /^(?:what|which|is|are|does|do you|do i get|how long|how much|how many|when|why|will|would)\b|\b(?:policy|window|fee|fees|cost|costs|charge|allowed|eligible|accept|deadline|how long|how many days|time limit)\b/;

export interface DetectedIntent {
  readonly intent: ActionIntent;
  readonly flow: string;
  readonly hint: readonly string[];
  readonly selfService: boolean;
}

export function detectIntent(question: string): DetectedIntent | null {
  const text = normalize(question);
  const policy = POLICY_QUESTION.test(text);
  for (const rule of RULES) {
    if (!rule.patterns.some((p) => p.test(text))) continue;
    if (rule.policyCanOverride && policy) return null;
    return { intent: rule.intent, flow: rule.flow, hint: rule.hint, selfService: rule.selfService === true };
  }
  return null;
}

/** The portal's page after sign-in for each flow (`/b/:brand?next=…`), where its name differs. */
const PORTAL_NEXT: Readonly<Record<string, string>> = { change: "modify" };

/**
 * The portal address of a flow: `<base>/b/<brand>?next=<page>` (find the order, then that page), or
 * `<base>/b/<brand>/contact` to ask the team. The base is the portal's public address, empty for a
 * link relative to the portal's own host.
 */
export function flowUrl(
  flow: string,
  portalBaseUrl: string | undefined,
  brandSlug: string | undefined,
): string {
  const base = (portalBaseUrl ?? "").replace(/\/+$/, "");
  const brand = brandSlug ? `/b/${encodeURIComponent(brandSlug)}` : "";
  if (flow === "contact") return `${base}${brand}/contact`;
  return `${base}${brand || "/"}?next=${encodeURIComponent(PORTAL_NEXT[flow] ?? flow)}`;
}

/** For a shopper already signed in to an order: the page of that order that does the flow. */
const SIGNED_IN_PAGES: Readonly<Record<string, string>> = {
  track: "/order#track",
  change: "/order#modify",
  cancel: "/order",
  return: "/return",
  exchange: "/return",
  missing: "/problem?kind=missing",
  faulty: "/problem?kind=faulty",
  lost: "/problem?kind=lost",
};

/**
 * The portal address of a flow for a shopper signed in to one of the brand's orders: the order's
 * own page (`/b/<brand>/order#track`, `/b/<brand>/return`, `/b/<brand>/problem?kind=faulty`), since
 * there is no order to find first. Undefined for flows that are not about the order (contact).
 */
export function signedInFlowUrl(
  flow: string,
  portalBaseUrl: string | undefined,
  brandSlug: string,
): string | undefined {
  const page = SIGNED_IN_PAGES[flow];
  if (!page) return undefined;
  return `${(portalBaseUrl ?? "").replace(/\/+$/, "")}/b/${encodeURIComponent(brandSlug)}${page}`;
}
