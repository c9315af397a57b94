import { z } from "zod";

export const ZSatisfactionQuery = z.object({
  brand: z.string().min(1).max(40).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
const ZGroup = z.object({
  key: z.string().nullable(),
  count: z.number(),
  average: z.number(),
  satisfied: z.number(),
});
export const ZSatisfactionResults = z.object({
  byBrand: z.array(ZGroup),
  byAgent: z.array(ZGroup),
  byRequestType: z.array(ZGroup),
  recent: z.array(
    z.object({
      caseId: z.string(),
      score: z.number(),
      comment: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const ZTimersQuery = z.object({
  status: z.enum(["queued", "running", "done", "failed"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const ZTimerList = z.object({
  timers: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      runAt: z.string(),
      status: z.string(),
      payload: z.unknown(),
    }),
  ),
});

export const ZMacrosQuery = z.object({ brand: z.string().min(1).max(40).optional() });
export const ZMacro = z.object({
  id: z.string(),
  brand: z.string(),
  name: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export const ZMacroList = z.object({ macros: z.array(ZMacro) });
export const ZSaveMacroBody = z.object({
  brand: z.string().min(1).max(40),
  name: z.string().min(1).max(80),
  body: z.string().min(1).max(10_000),
});
