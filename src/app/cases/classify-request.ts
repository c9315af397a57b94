// Reads what a shopper's message is about, so the desk can filter and route it: the request types the
// policy engine knows. Whole-word cues per type, scored by how many cues appear and where (the subject
// weighs double); ties go to the more specific type listed first. "other" when nothing matches.
import type { RequestType } from "../service-levels/service-settings.ts";

const CUES: ReadonlyArray<readonly [RequestType, readonly RegExp[]]> = [
  [
    "lost_parcel",
    [
      /\b(lost|stolen|never (arrived|came|received)|not (arrived|received|delivered)|hasn'?t (arrived|come))\b/,
      /\b(where is my (order|parcel|package)|parcel (missing|lost)|no sign of)\b/,
      /\btracking (says|shows) delivered\b/,
    ],
  ],
  [
    "missing_item",
    [
      /\bmissing\b/,
      /\b(item|piece|one) (was|is) not in\b/,
      /\b(only (got|received) (one|part))\b/,
      /\bincomplete\b/,
    ],
  ],
  [
    "faulty_item",
    [
      /\b(faulty|defect(ive)?|broken|damaged|torn|ripped|hole|stain(ed)?|fault|came apart|fell apart)\b/,
      /\b(seam|zip(per)?|button) (broke|split|came off)\b/,
    ],
  ],
  [
    "cancellation",
    [/\bcancel(l?ation|l?ed|l?ing)?\b/, /\b(don'?t|do not|no longer) want (the|my|this) order\b/],
  ],
  [
    "amendment",
    [
      /\b(change|update|correct|amend|modify|wrong) (my |the )?(address|size|colou?r|order|details|postcode|zip|house number|email|phone)\b/,
      /\b(amend(ment)?|modify)\b/,
      /\btypo\b/,
    ],
  ],
  [
    "discount",
    [
      /\b(discount|promo(tion)?|voucher|coupon)( code)?\b/,
      /\bcode (didn'?t|did not|doesn'?t|does not) work\b/,
    ],
  ],
  [
    "return_question",
    [
      /\b(return(s|ed|ing)?|refund(s|ed)?|exchange|send (it|them) back|rma|money back|store credit)\b/,
      /\b(wrong size|doesn'?t fit|does not fit|too (small|big|large))\b/,
    ],
  ],
];

export function classifyRequest(subject: string, body: string): RequestType {
  const s = subject.toLowerCase();
  const b = body.toLowerCase().slice(0, 5000);
  let best: RequestType = "other";
  let bestScore = 0;
  for (const [type, cues] of CUES) {
    let score = 0;
    for (const cue of cues) {
      if (cue.test(s)) score += 2;
      if (cue.test(b)) score += 1;
    }
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best;
}
