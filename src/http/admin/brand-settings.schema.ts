import { z } from "zod";
import { REQUEST_TYPES } from "../../app/service-levels/service-settings.ts";

export const ZBrandSettingsParams = z.object({ brand: z.string().min(1).max(40) });
export type TBrandSettingsParams = z.infer<typeof ZBrandSettingsParams>;

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM (24-hour clock)");

export const ZServiceTarget = z
  .object({
    /** Business hours from the case opening to the first answer. */
    firstResponseHours: z.number().positive().max(2000),
    /** Business hours from the case opening to its resolution. */
    resolutionHours: z.number().positive().max(5000),
  })
  .refine((t) => t.firstResponseHours <= t.resolutionHours, {
    message: "the first answer cannot be due after the resolution",
    path: ["firstResponseHours"],
  });

export const ZTargetKey = z.enum(["default", ...REQUEST_TYPES]);

export const ZServiceLevelsBody = z
  .object({
    /** Opening and closing time on business days, in the brand's time zone. */
    opens: ZClock,
    closes: ZClock,
    /** Targets per request type; `default` applies to types without their own. */
    targets: z.partialRecord(ZTargetKey, ZServiceTarget),
    nearBreachShare: z.number().min(0.1).max(0.99).optional(),
    returnReminderDays: z.number().int().min(1).max(60).optional(),
    autoCloseDays: z.number().int().min(1).max(90).optional(),
  })
  .refine((s) => s.opens < s.closes, { message: "the desk must open before it closes", path: ["closes"] });

export const ZUpdateBrandSettingsBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** The address shoppers write to (received by the SMTP receiver); null: the policy's applies. */
  supportEmail: z.email().max(254).nullable(),
  /** The address collaboration requests and replies use; null: the policy's applies. */
  partnershipsEmail: z.email().max(254).nullable(),
  serviceLevels: ZServiceLevelsBody,
});
export type TUpdateBrandSettingsBody = z.infer<typeof ZUpdateBrandSettingsBody>;

const ZAddresses = z.object({
  supportEmail: z.string().nullable(),
  partnershipsEmail: z.string().nullable(),
});

export const ZBrandSettings = z.object({
  brand: z.string(),
  name: z.string(),
  timeZone: z.string(),
  /** The brand's own addresses (null where the policy's applies). */
  addresses: ZAddresses,
  /** The addresses in the policy in force. */
  policyAddresses: ZAddresses,
  serviceLevels: z.object({
    opens: z.string(),
    closes: z.string(),
    targets: z.record(z.string(), z.object({ firstResponseHours: z.number(), resolutionHours: z.number() })),
    nearBreachShare: z.number(),
    returnReminderDays: z.number(),
    autoCloseDays: z.number(),
  }),
  requestTypes: z.array(z.string()),
  updatedAt: z.string(),
});
