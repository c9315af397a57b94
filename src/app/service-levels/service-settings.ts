// A brand's service levels, kept in its settings (`serviceLevels` in brands/<slug>/brand.yaml):
// opening hours, first-response and resolution targets in business hours per request type, how long
// an authorised return may sit unshipped before the shopper is reminded, and how long a solved case
// stays quiet before it is closed. Anything left out takes the defaults below.
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { preparedQuery } from "../../db/prepared.ts";
import type { HolidaySpec } from "../../domain/calendar.ts";
import { policyOfBrand } from "../brands/get-brand-policy.ts";
import { type BusinessHours, isValidHours } from "./business-time.ts";

export const REQUEST_TYPES = [
  "amendment",
  "cancellation",
  "missing_item",
  "faulty_item",
  "return_question",
  "lost_parcel",
  "discount",
  "collaboration",
  "other",
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

const ZTarget = z.object({
  firstResponseHours: z.number().positive().max(2000),
  resolutionHours: z.number().positive().max(5000),
});

export const ZServiceLevels = z
  .object({
    opens: z.string().default("09:00"),
    closes: z.string().default("17:00"),
    targets: z.record(z.string(), ZTarget).default({}),
    /** Share of a target after which a case is flagged as near breach. */
    nearBreachShare: z.number().min(0.1).max(0.99).default(0.8),
    returnReminderDays: z.number().int().min(1).max(60).default(7),
    autoCloseDays: z.number().int().min(1).max(90).default(5),
  })
  .refine((s) => isValidHours(s.opens, s.closes), { message: "opens/closes must be HH:MM with opens first" });
export type ServiceLevels = z.infer<typeof ZServiceLevels>;

export const DEFAULT_TARGET = { firstResponseHours: 8, resolutionHours: 40 } as const;

export interface BrandServiceLevels {
  readonly brandId: string;
  readonly slug: string;
  readonly levels: ServiceLevels;
  readonly hours: BusinessHours;
}

export function targetFor(levels: ServiceLevels, requestType: string) {
  return levels.targets[requestType] ?? levels.targets.default ?? DEFAULT_TARGET;
}

/** Reads a settings object's `serviceLevels` (absent or invalid: the defaults, so a desk always has targets). */
export function parseServiceLevels(settings: unknown): ServiceLevels {
  const raw = (settings as { serviceLevels?: unknown } | null)?.serviceLevels ?? {};
  const parsed = ZServiceLevels.safeParse(raw);
  return parsed.success ? parsed.data : ZServiceLevels.parse({});
}

// Every desk listing reads the levels of the brands it shows; the settings text rarely changes, so
// each text is parsed once (a few brands' worth are kept).
const parsedLevels = new Map<string, ServiceLevels>();

function levelsOf(settings: string): ServiceLevels {
  let levels = parsedLevels.get(settings);
  if (!levels) {
    levels = parseServiceLevels(JSON.parse(settings) as unknown);
    if (parsedLevels.size >= 100) parsedLevels.clear();
    parsedLevels.set(settings, levels);
  }
  return levels;
}

// The desk's inbox needs only the settings of the brands it lists, not their policy or calendar.
const settingsOf = preparedQuery((db, brandId: string) =>
  db.selectFrom("brands").select("settings").where("id", "=", brandId),
);

/** The brand's service levels as set (no opening calendar); the defaults for an unknown brand. */
export async function brandLevels(db: Db, brandId: string): Promise<ServiceLevels> {
  const [row] = await settingsOf(db, brandId);
  return row ? levelsOf(row.settings) : ZServiceLevels.parse({});
}

/** The brand's service levels with its time zone and holiday calendar from its policy. */
export async function brandServiceLevels(db: Db, brandId: string): Promise<BrandServiceLevels> {
  const brand = await db
    .selectFrom("brands")
    .select(["id", "slug", "settings", "time_zone"])
    .where("id", "=", brandId)
    .executeTakeFirstOrThrow();
  const levels = levelsOf(brand.settings);
  let holidays: HolidaySpec | null = null;
  let timeZone = brand.time_zone;
  try {
    const found = await policyOfBrand(db, brand.id);
    if (found) {
      holidays = found.policy.file.brand.holidays;
      timeZone = found.policy.file.brand.timeZone;
    }
  } catch {
    // A brand without a usable policy still has opening hours, on weekdays only.
  }
  return {
    brandId: brand.id,
    slug: brand.slug,
    levels,
    hours: { timeZone, holidays, opens: levels.opens, closes: levels.closes },
  };
}
