// The one-click rating from a survey email: the portal's rate page posts the link's token with the score
// (and an optional comment). The token is the credential; a second rating of the same case is refused.
import { recordRating } from "../../app/satisfaction/record-rating.ts";
import { sessionSecretOf } from "../auth.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZRatingBody, ZRatingReceipt } from "./satisfaction.schema.ts";

export function satisfactionRoutes(deps: ServerDeps): RouteSpec[] {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/satisfaction",
      summary: "Rate a solved case from the survey email's link (score 1 to 5, optional comment; once)",
      tags: ["satisfaction"],
      access: { kind: "public" },
      body: ZRatingBody,
      response: ZRatingReceipt,
      status: 201,
      handler: async ({ body }) =>
        recordRating(deps.store.db, {
          secret: sessionSecretOf(deps),
          token: body.token,
          score: body.score,
          comment: body.comment,
          now: deps.now(),
        }),
    }),
  ];
}
