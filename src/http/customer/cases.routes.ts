// A signed-in shopper's cases: the ones about their order, their threads (without the team's
// internal notes), a new case and a message on an existing one.
import { createCase } from "../../app/cases/create-case.ts";
import { getCase } from "../../app/cases/get-case.ts";
import { listCases } from "../../app/cases/list-cases.ts";
import { replyToCase } from "../../app/cases/reply-to-case.ts";
import { ZCaseDetail, ZCaseList, ZCaseReply, ZCaseSummary } from "../agent/cases.schema.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZShopperCaseParams, ZShopperCreateCaseBody, ZShopperMessageBody } from "./cases.schema.ts";

const BASE = "/api/v1/shopper/cases";

export function shopperCaseRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: BASE,
      summary: "The cases about the signed-in order",
      tags: ["shopper"],
      access: { kind: "shopper" },
      response: ZCaseList,
      handler: async ({ actor }) => ({ cases: await listCases(db, { actor, now: deps.now() }) }),
    }),
    defineRoute({
      method: "POST",
      url: BASE,
      summary: "Ask the care team about the signed-in order",
      tags: ["shopper"],
      access: { kind: "shopper" },
      body: ZShopperCreateCaseBody,
      response: ZCaseSummary,
      status: 201,
      handler: async ({ body, actor, request }) =>
        createCase(db, {
          subject: body.subject,
          body: body.body,
          channel: "portal",
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "GET",
      url: `${BASE}/:id`,
      summary: "One of the order's cases with its messages",
      tags: ["shopper"],
      access: { kind: "shopper" },
      params: ZShopperCaseParams,
      response: ZCaseDetail,
      handler: async ({ params, actor }) => getCase(db, { caseId: params.id, actor }),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/:id/messages`,
      summary: "Write to the care team on one of the order's cases",
      tags: ["shopper"],
      access: { kind: "shopper" },
      params: ZShopperCaseParams,
      body: ZShopperMessageBody,
      response: ZCaseReply,
      status: 201,
      handler: async ({ params, body, actor, request }) =>
        replyToCase(db, {
          caseId: params.id,
          body: body.body,
          actor,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
  ];
}
