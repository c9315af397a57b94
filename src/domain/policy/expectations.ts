// Scenario files may carry an `expect` block: `aftercare policy test` replays them against a policy
// before it is published, and lists what differs.
import { z } from "zod";
import type { Decision } from "../decision.ts";

export const ZExpectation = z.object({
  outcome: z.string().optional(),
  reasons: z.array(z.string()).optional(),
  absentReasons: z.array(z.string()).optional(),
  notices: z.array(z.string()).optional(),
  items: z.record(z.string(), z.string()).optional(),
  resolution: z.object({ method: z.string().optional(), amount: z.number().optional() }).optional(),
  timeline: z.record(z.string(), z.string().nullable()).optional(),
});
export type Expectation = z.infer<typeof ZExpectation>;

/** Every way the decision differs from the expectation; empty when it matches. */
export function compareWithExpectation(expect: Expectation, d: Decision): string[] {
  const problems: string[] = [];
  if (expect.outcome && d.outcome !== expect.outcome)
    problems.push(`outcome ${d.outcome}, expected ${expect.outcome}`);
  const all = new Set([
    ...d.reasons.map((r) => r.code),
    ...d.items.flatMap((i) => i.reasons.map((r) => r.code)),
  ]);
  for (const r of expect.reasons ?? [])
    if (!all.has(r as (typeof d.reasons)[number]["code"])) problems.push(`missing reason ${r}`);
  for (const r of expect.absentReasons ?? [])
    if (all.has(r as never)) problems.push(`unexpected reason ${r}`);
  const notices = new Set<string>(d.notices.map((n) => n.code));
  for (const n of expect.notices ?? []) if (!notices.has(n)) problems.push(`missing notice ${n}`);
  for (const [lineId, outcome] of Object.entries(expect.items ?? {})) {
    const item = d.items.find((i) => i.lineId === lineId);
    if (!item) problems.push(`no decision for item ${lineId}`);
    else if (item.outcome !== outcome) problems.push(`item ${lineId} ${item.outcome}, expected ${outcome}`);
  }
  const res = expect.resolution;
  if (res?.method !== undefined && d.resolution.method !== res.method) {
    problems.push(`method ${d.resolution.method}, expected ${res.method}`);
  }
  if (res?.amount !== undefined && d.resolution.amount !== res.amount) {
    problems.push(`amount ${d.resolution.amount}, expected ${res.amount}`);
  }
  for (const [k, v] of Object.entries(expect.timeline ?? {})) {
    const actual = (d.timeline as Record<string, string | null>)[k] ?? null;
    if (actual !== v) problems.push(`timeline.${k} ${actual}, expected ${v}`);
  }
  return problems;
}
