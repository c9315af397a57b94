// The public collaboration form: anyone may apply to a brand; sending it twice keeps one application.
import { applyCollaboration } from "../../app/collaborations/apply-collaboration.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZApplyCollaborationBody,
  ZCollaborationBrandParams,
  ZCollaborationReceipt,
} from "./collaborations.schema.ts";

export function publicCollaborationRoutes(deps: ServerDeps): RouteSpec[] {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/brands/:brand/collaborations",
      summary: "Apply to collaborate with a brand (platform Meta, Instagram or TikTok, and a handle)",
      tags: ["collaborations"],
      access: { kind: "public" },
      params: ZCollaborationBrandParams,
      body: ZApplyCollaborationBody,
      response: ZCollaborationReceipt,
      status: 201,
      handler: async ({ params, body, actor }) => {
        const { application, created } = await applyCollaboration(deps.store.db, {
          actor,
          now: deps.now(),
          brand: params.brand,
          ...body,
        });
        // The public answer confirms receipt only; the application's contents and review stay with the team.
        return {
          id: application.id,
          platform: application.platform,
          handle: application.handle,
          received: true,
          duplicate: !created,
        };
      },
    }),
  ];
}
