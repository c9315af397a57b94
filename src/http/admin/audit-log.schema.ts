import { z } from "zod";

export const ZAuditLogQuery = z.object({
  brand: z.string().min(1).max(100).optional(),
  actorId: z.string().min(1).max(320).optional(),
  action: z.string().min(1).max(100).optional(),
  entityType: z.string().min(1).max(100).optional(),
  entityId: z.string().min(1).max(100).optional(),
  /** Page backwards: rows older than this `createdAt`. */
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type TAuditLogQuery = z.infer<typeof ZAuditLogQuery>;

export const ZAuditLogRow = z.object({
  id: z.string(),
  brandId: z.string().nullable(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});

export const ZAuditLogPage = z.object({ entries: z.array(ZAuditLogRow) });
