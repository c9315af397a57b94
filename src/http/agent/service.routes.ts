// The desk's service view: satisfaction results (per brand, agent and request type), the service-level
// timers being tracked (target breaches, promised return dates, reminders, auto-close) and macros.
import { listMacros, saveMacro } from "../../app/cases/macros.ts";
import { AppError } from "../../app/kernel/errors.ts";
import { satisfactionResults } from "../../app/satisfaction/satisfaction-results.ts";
import { listTimers } from "../../app/service-levels/timers.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteAccess, type RouteSpec } from "../route.ts";
import {
  ZMacro,
  ZMacroList,
  ZMacrosQuery,
  ZSatisfactionQuery,
  ZSatisfactionResults,
  ZSaveMacroBody,
  ZTimerList,
  ZTimersQuery,
} from "./service.schema.ts";

const DESK: RouteAccess = { kind: "staff", roles: ["agent", "admin"] };

export function deskServiceRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/satisfaction",
      summary: "Satisfaction results per brand, agent and request type, and the latest ratings",
      tags: ["desk"],
      access: DESK,
      query: ZSatisfactionQuery,
      response: ZSatisfactionResults,
      handler: async ({ query, actor }) =>
        satisfactionResults(db, { actor, brandSlug: query.brand, from: query.from, to: query.to }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/timers",
      summary: "Service-level timers: target breaches, promised return dates, reminders, auto-close",
      tags: ["desk"],
      access: { kind: "staff", roles: ["admin"] },
      query: ZTimersQuery,
      response: ZTimerList,
      handler: async ({ query, actor }) => {
        if (actor.type !== "staff" || actor.brandId !== null) {
          throw new AppError("FORBIDDEN", "Timers are listed for admins of the whole install.");
        }
        return { timers: await listTimers(db, { status: query.status, limit: query.limit }) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/macros",
      summary: "Saved replies per brand",
      tags: ["desk"],
      access: DESK,
      query: ZMacrosQuery,
      response: ZMacroList,
      handler: async ({ query, actor }) => ({
        macros: await listMacros(db, { actor, brandSlug: query.brand }),
      }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/desk/macros",
      summary: "Save a reply for a brand (the same name replaces its text)",
      tags: ["desk"],
      access: DESK,
      body: ZSaveMacroBody,
      response: ZMacro,
      status: 201,
      handler: async ({ body, actor }) =>
        saveMacro(db, { actor, brandSlug: body.brand, name: body.name, body: body.body, now: deps.now() }),
    }),
  ];
}
