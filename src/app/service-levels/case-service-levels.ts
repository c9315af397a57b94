// Due dates and flags of one case: when the first answer and the resolution are due (business time
// from the moment the case opened), and whether each is met, on time, near breach or breached now.
import { addBusinessMinutes } from "./business-time.ts";
import { type BrandServiceLevels, targetFor } from "./service-settings.ts";

export interface CaseDueDates {
  readonly firstResponseDueAt: string;
  readonly resolutionDueAt: string;
}

export function caseDueDates(brand: BrandServiceLevels, requestType: string, openedAt: Date): CaseDueDates {
  const target = targetFor(brand.levels, requestType);
  return {
    firstResponseDueAt: addBusinessMinutes(
      openedAt,
      target.firstResponseHours * 60,
      brand.hours,
    ).toISOString(),
    resolutionDueAt: addBusinessMinutes(openedAt, target.resolutionHours * 60, brand.hours).toISOString(),
  };
}

export type SlaState = "met" | "ok" | "near_breach" | "breached" | "none";

export interface SlaFlags {
  readonly firstResponse: SlaState;
  readonly resolution: SlaState;
  /** True when either target is breached or near it: the desk's "needs attention" filter. */
  readonly atRisk: boolean;
}

function stateOf(
  openedAt: string,
  dueAt: string | null,
  doneAt: string | null,
  now: Date,
  nearShare: number,
): SlaState {
  if (dueAt === null) return "none";
  const due = Date.parse(dueAt);
  if (doneAt !== null) return Date.parse(doneAt) <= due ? "met" : "breached";
  const at = now.getTime();
  if (at > due) return "breached";
  const opened = Date.parse(openedAt);
  return at >= opened + (due - opened) * nearShare ? "near_breach" : "ok";
}

export interface CaseTimes {
  readonly created_at: string;
  readonly first_response_due_at: string | null;
  readonly first_response_at: string | null;
  readonly sla_due_at: string | null;
  readonly resolved_at: string | null;
}

/** The flags at `now`; near breach once `nearShare` of the (wall-clock) span to the due date has passed. */
export function slaFlags(row: CaseTimes, now: Date, nearShare = 0.8): SlaFlags {
  const firstResponse = stateOf(
    row.created_at,
    row.first_response_due_at,
    row.first_response_at,
    now,
    nearShare,
  );
  const resolution = stateOf(row.created_at, row.sla_due_at, row.resolved_at, now, nearShare);
  const risky = (s: SlaState) => s === "near_breach" || s === "breached";
  return {
    firstResponse,
    resolution,
    atRisk:
      (risky(firstResponse) && row.first_response_at === null) || (risky(resolution) && !row.resolved_at),
  };
}
