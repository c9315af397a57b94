import { z } from "zod";

export const ZDeskOrderIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZOrderRequests = z.object({
  amendments: z.array(
    z.object({
      id: z.string(),
      status: z.string().describe("pending, applied, declined"),
      changes: z.unknown().describe("the requested delivery address, phone or email"),
      createdAt: z.string(),
      resolvedAt: z.string().nullable(),
    }),
  ),
  cancellations: z.array(
    z.object({
      id: z.string(),
      status: z.string().describe("pending, cancelled, declined"),
      reason: z.string().nullable(),
      amount: z.number().int().describe("minor units"),
      currency: z.string(),
      createdAt: z.string(),
      resolvedAt: z.string().nullable(),
    }),
  ),
  claims: z.array(z.object({ id: z.string(), kind: z.string(), status: z.string(), createdAt: z.string() })),
});
