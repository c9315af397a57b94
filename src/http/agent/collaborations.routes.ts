// The partnerships queue: applications by brand and status, and the team's shortlist / offer / decline.
import { listCollaborations } from "../../app/collaborations/list-collaborations.ts";
import { reviewCollaboration } from "../../app/collaborations/review-collaboration.ts";
import type { ServerDeps } from "../deps.ts";
import { ZCollaboration } from "../public/collaborations.schema.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZCollaborationList,
  ZCollaborationParams,
  ZCollaborationsQuery,
  ZReviewCollaborationBody,
} from "./collaborations.schema.ts";

export function deskCollaborationRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/collaborations",
      summary: "Collaboration applications of a brand, oldest first",
      tags: ["desk", "collaborations"],
      access: { kind: "staff", roles: ["admin", "partnerships"] },
      query: ZCollaborationsQuery,
      response: ZCollaborationList,
      handler: async ({ query, actor }) => ({
        applications: await listCollaborations(db, { actor, ...query }),
      }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/collaborations/:id/review",
      summary: "Shortlist, offer or decline an application; the reply is emailed to the applicant",
      tags: ["desk", "collaborations"],
      access: { kind: "staff", roles: ["admin", "partnerships"] },
      params: ZCollaborationParams,
      body: ZReviewCollaborationBody,
      response: ZCollaboration,
      handler: async ({ params, body, actor }) =>
        reviewCollaboration(db, {
          actor,
          now: deps.now(),
          applicationId: params.id,
          verdict: body.verdict,
          reply: body.reply,
        }),
    }),
  ];
}
