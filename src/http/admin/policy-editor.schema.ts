import { z } from "zod";

export const ZPolicyBrandParams = z.object({ brand: z.string().min(1).max(40) });
export type TPolicyBrandParams = z.infer<typeof ZPolicyBrandParams>;
export const ZScenarioParams = ZPolicyBrandParams.extend({ id: z.string().min(1).max(64) });
export type TScenarioParams = z.infer<typeof ZScenarioParams>;

export const ZPolicyDraftBody = z.object({ yaml: z.string().max(200_000) });
export type TPolicyDraftBody = z.infer<typeof ZPolicyDraftBody>;

export const ZSaveScenarioBody = z.object({
  name: z.string().trim().min(1).max(120),
  /** A scenario (now, order, request) with an `expect` block, as `aftercare policy test` reads. */
  scenario: z.record(z.string(), z.unknown()),
});
export type TSaveScenarioBody = z.infer<typeof ZSaveScenarioBody>;

const ZProblem = z.object({ path: z.string(), line: z.number().int().nullable(), message: z.string() });

export const ZDraftCheck = z.object({
  valid: z.boolean(),
  problems: z.array(ZProblem),
  description: z.array(z.string()),
});

export const ZDraftTest = ZDraftCheck.extend({
  scenarios: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      passed: z.boolean(),
      problems: z.array(z.string()),
      outcome: z.string().nullable(),
    }),
  ),
  passed: z.number().int(),
  failed: z.number().int(),
});

export const ZPolicyText = z.object({
  version: z.number().int(),
  yaml: z.string(),
  effectiveFrom: z.string(),
});
export const ZPublished = z.object({ version: z.number().int(), effectiveFrom: z.string() });
export const ZSavedScenario = z.object({
  id: z.string(),
  name: z.string(),
  scenario: z.unknown(),
  createdAt: z.string(),
});
export const ZScenarioList = z.object({ scenarios: z.array(ZSavedScenario) });
