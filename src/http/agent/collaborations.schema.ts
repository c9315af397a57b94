import { z } from "zod";
import { COLLABORATION_PLATFORMS } from "../../app/collaborations/apply-collaboration.ts";
import { ZCollaboration } from "../public/collaborations.schema.ts";

export const ZCollaborationsQuery = z.object({
  brand: z.string().min(1).max(40),
  status: z.enum(["new", "shortlisted", "offered", "declined"]).optional(),
  platform: z.enum(COLLABORATION_PLATFORMS).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type TCollaborationsQuery = z.infer<typeof ZCollaborationsQuery>;

export const ZCollaborationParams = z.object({ id: z.string().min(1).max(100) });

export const ZReviewCollaborationBody = z.object({
  verdict: z.enum(["shortlist", "offer", "decline"]),
  /** Emailed to the applicant as written. */
  reply: z.string().trim().min(1).max(10_000),
});
export type TReviewCollaborationBody = z.infer<typeof ZReviewCollaborationBody>;

export const ZCollaborationList = z.object({ applications: z.array(ZCollaboration) });
