import { z } from "zod";

export const ZDeskOrderParams = z.object({ id: z.string().min(1).max(64) });
export type TDeskOrderParams = z.infer<typeof ZDeskOrderParams>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const ZReportQuery = z.object({
  brand: z.string().min(1).max(40).optional(),
  from: IsoDate,
  to: IsoDate,
});
export type TReportQuery = z.infer<typeof ZReportQuery>;

const ZCount = z.object({ key: z.string(), count: z.number().int() });
export const ZDeskReport = z.object({
  brand: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  volumes: z.array(ZCount),
  channels: z.array(ZCount),
  returnReasons: z.array(ZCount),
  returnRates: z.array(
    z.object({
      sku: z.string(),
      title: z.string(),
      sold: z.number().int(),
      returned: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  money: z.array(
    z.object({ currency: z.string(), key: z.string(), amount: z.number().int(), count: z.number().int() }),
  ),
  sla: z.object({ kept: z.number().int(), breached: z.number().int(), open: z.number().int() }),
  times: z.object({
    firstResponseHours: z.number().nullable(),
    resolutionHours: z.number().nullable(),
    firstResponses: z.number().int(),
    resolutions: z.number().int(),
  }),
  satisfaction: z.array(ZCount),
  assistant: z.object({ conversations: z.number().int(), handoffs: z.number().int() }),
});

export const ZRefundsQuery = z.object({
  status: z.string().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type TRefundsQuery = z.infer<typeof ZRefundsQuery>;

export const ZRefundList = z.object({
  refunds: z.array(
    z.object({
      id: z.string(),
      brandId: z.string(),
      orderNumber: z.string(),
      email: z.string(),
      kind: z.string(),
      method: z.string(),
      amount: z.number().int(),
      currency: z.string(),
      reason: z.string().nullable(),
      status: z.string(),
      issuedBy: z.string().nullable(),
      createdAt: z.string(),
      completedAt: z.string().nullable(),
      rmaNumber: z.string().nullable(),
    }),
  ),
});

export const ZStoreCreditQuery = z.object({
  email: z.string().trim().min(3).max(320).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type TStoreCreditQuery = z.infer<typeof ZStoreCreditQuery>;

export const ZStoreCreditLedger = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      brandId: z.string(),
      email: z.string(),
      amount: z.number().int(),
      currency: z.string(),
      reason: z.string(),
      source: z.string().nullable(),
      actor: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  balances: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
});

export const ZStaffBrandList = z.object({
  brands: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      currency: z.string(),
      timeZone: z.string(),
    }),
  ),
});

export const ZColleagueList = z.object({
  colleagues: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
});

export const ZReturnPromises = z.object({
  deadline: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  stages: z.array(
    z.object({
      name: z.string(),
      businessDays: z.number().int(),
      clause: z.string(),
      expectedBy: z.string().nullable(),
    }),
  ),
  inspectionBy: z.string().nullable(),
  inspectedOn: z.string().nullable(),
  refundExpectedBy: z.string().nullable(),
});
