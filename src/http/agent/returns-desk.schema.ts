import { z } from "zod";

export const ZReturnIdParams = z.object({ id: z.string().min(1).max(64) });
export type TReturnIdParams = z.infer<typeof ZReturnIdParams>;

export const ZListReturnsQuery = z.object({
  status: z
    .enum([
      "requested",
      "authorized",
      "in_transit",
      "received",
      "inspected",
      "refunded",
      "closed",
      "rejected",
    ])
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** An RMA number (the returns desk's scanner field). */
  rma: z.string().trim().min(1).max(64).optional(),
});
export type TListReturnsQuery = z.infer<typeof ZListReturnsQuery>;

export const ZInspectReturnBody = z.object({
  lines: z
    .array(
      z.object({
        returnLineId: z.string().min(1).max(64),
        condition: z
          .object({
            tagsAttached: z.boolean().nullable(),
            worn: z.boolean().nullable(),
            washed: z.boolean().nullable(),
            perfumeResidue: z.boolean().nullable(),
            originalPackaging: z.boolean().nullable(),
            hygieneStripIntact: z.boolean().nullable(),
          })
          .partial(),
        qcApprovedFault: z.boolean().optional(),
        notes: z.string().max(2000).optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type TInspectReturnBody = z.infer<typeof ZInspectReturnBody>;

export const ZReturnDetail = z.object({
  return: z
    .object({
      id: z.string(),
      rma_number: z.string(),
      kind: z.string(),
      status: z.string(),
      quoted_amount: z.number().int(),
      refund_amount: z.number().int().nullable(),
      currency: z.string(),
    })
    .passthrough(),
  orderNumber: z.string(),
  lines: z.array(
    z.object({
      id: z.string().describe("the returnLineId to name when inspecting"),
      lineId: z.string(),
      sku: z.string(),
      title: z.string(),
      quantity: z.number().int(),
      reason: z.string(),
      declaredCondition: z.record(z.string(), z.unknown()),
      wantedSku: z.string().nullable(),
      outcome: z.string(),
      reasons: z.array(z.unknown()),
      inspection: z.object({ outcome: z.string(), inspectedAt: z.string() }).nullable(),
    }),
  ),
});
