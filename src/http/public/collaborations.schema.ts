import { z } from "zod";
import { COLLABORATION_PLATFORMS } from "../../app/collaborations/apply-collaboration.ts";

export const ZCollaborationBrandParams = z.object({ brand: z.string().min(1).max(40) });
export type TCollaborationBrandParams = z.infer<typeof ZCollaborationBrandParams>;

export const ZApplyCollaborationBody = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
  platform: z.enum(COLLABORATION_PLATFORMS),
  /** The account name, with or without @, or a link to the profile. */
  handle: z.string().trim().min(1).max(200),
  followers: z.number().int().min(0).optional(),
  message: z.string().trim().max(4000).optional(),
});
export type TApplyCollaborationBody = z.infer<typeof ZApplyCollaborationBody>;

export const ZCollaboration = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  platform: z.string(),
  handle: z.string(),
  followers: z.number().nullable(),
  message: z.string().nullable(),
  status: z.string().describe("new, shortlisted, offered or declined"),
  reply: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
});

/** What the applicant is told: received, and under which handle; never the team's reply or notes. */
export const ZCollaborationReceipt = z.object({
  id: z.string(),
  platform: z.string(),
  handle: z.string(),
  received: z.literal(true),
  duplicate: z.boolean(),
});
