// The returns desk: the queue, receipt and inspection by the warehouse, replacements for exchanges.
import { fulfilExchange } from "../../app/returns/fulfil-exchange.ts";
import { getReturn } from "../../app/returns/get-return.ts";
import { inspectReturn } from "../../app/returns/inspect-return.ts";
import { listReturns } from "../../app/returns/list-returns.ts";
import { receiveReturn } from "../../app/returns/receive-return.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../route.ts";
import {
  ZInspectReturnBody,
  ZListReturnsQuery,
  ZReturnDetail,
  ZReturnIdParams,
} from "./returns-desk.schema.ts";

export function returnsDeskRoutes(deps: ServerDeps) {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/returns",
      summary: "Returns and exchanges, newest first, optionally by status",
      tags: ["desk", "returns"],
      access: { kind: "staff", roles: ["admin", "agent", "warehouse"] },
      query: ZListReturnsQuery,
      handler: async ({ query, actor }) => ({
        returns: await listReturns(db, { actor, status: query.status, limit: query.limit, rma: query.rma }),
      }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/returns/:id",
      summary: "One return with its items: the return line ids to inspect, declarations and policy answers",
      tags: ["desk", "returns"],
      access: { kind: "staff", roles: ["admin", "agent", "warehouse"] },
      params: ZReturnIdParams,
      response: ZReturnDetail,
      handler: async ({ params, actor }) => getReturn(db, { actor, returnId: params.id }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/returns/:id/receive",
      summary: "Log a return parcel's arrival at the warehouse; answers the promised refund date",
      tags: ["desk", "returns"],
      access: { kind: "staff", roles: ["warehouse", "admin"] },
      params: ZReturnIdParams,
      handler: async ({ params, actor }) =>
        receiveReturn(db, { actor, now: deps.now(), returnId: params.id }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/returns/:id/inspect",
      summary: "Record what the warehouse found on each authorised item; the policy settles the refund",
      tags: ["desk", "returns"],
      access: { kind: "staff", roles: ["warehouse", "admin"] },
      params: ZReturnIdParams,
      body: ZInspectReturnBody,
      handler: async ({ params, body, actor }) =>
        inspectReturn(db, { actor, now: deps.now(), returnId: params.id, lines: body.lines }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/returns/:id/exchange",
      summary: "Send the replacements of an inspected exchange and close it",
      tags: ["desk", "returns"],
      access: { kind: "staff", roles: ["agent", "warehouse", "admin"] },
      params: ZReturnIdParams,
      handler: async ({ params, actor }) =>
        fulfilExchange(db, { actor, now: deps.now(), returnId: params.id }),
    }),
  ];
}
