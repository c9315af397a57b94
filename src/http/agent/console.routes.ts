// What the staff console reads beyond the desk's own routes: an order as staff see it (linked from a
// case or a return), the reports' aggregates, and the money pages (refunds, store-credit ledger).
import { listColleagues } from "../../app/access/list-colleagues.ts";
import { listStaffBrands } from "../../app/brands/staff-brands.ts";
import { listRefunds, listStoreCredit } from "../../app/money/list-money.ts";
import { getOrderView } from "../../app/orders/get-order-view.ts";
import { deskReport } from "../../app/reports/desk-report.ts";
import { deskReturnPromises } from "../../app/returns/desk-return-promises.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec, STAFF_ROLES } from "../route.ts";
import {
  ZColleagueList,
  ZDeskOrderParams,
  ZDeskReport,
  ZRefundList,
  ZRefundsQuery,
  ZReportQuery,
  ZReturnPromises,
  ZStaffBrandList,
  ZStoreCreditLedger,
  ZStoreCreditQuery,
} from "./console.schema.ts";

export function consoleRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/colleagues",
      summary: "The agents and admins a case can be assigned to",
      tags: ["desk"],
      access: { kind: "staff", roles: ["admin", "agent"] },
      response: ZColleagueList,
      handler: async ({ actor }) => ({ colleagues: await listColleagues(db, actor) }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/brands",
      summary: "The brands the signed-in staff member works for, with their ids",
      tags: ["desk"],
      access: { kind: "staff", roles: STAFF_ROLES },
      response: ZStaffBrandList,
      handler: async ({ actor }) => ({ brands: await listStaffBrands(db, actor) }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/orders/:id",
      summary: "An order as the desk sees it: lines, payment, shipments with tracking, returns",
      tags: ["desk"],
      access: { kind: "staff", roles: ["admin", "agent", "warehouse"] },
      params: ZDeskOrderParams,
      handler: async ({ params, actor }) => getOrderView(db, { orderId: params.id }, actor),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/returns/:id/promises",
      summary: "A return's promised dates: arrival, inspection due, refund expected (brand business days)",
      tags: ["desk", "returns"],
      access: { kind: "staff", roles: ["admin", "agent", "warehouse"] },
      params: ZDeskOrderParams,
      response: ZReturnPromises,
      handler: async ({ params, actor }) =>
        deskReturnPromises(db, { actor, now: deps.now(), returnId: params.id }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/reports",
      summary:
        "Reports over a date range: volumes, return reasons and rates, money, SLA, times, satisfaction",
      tags: ["desk", "reports"],
      access: { kind: "staff", roles: ["admin", "agent"] },
      query: ZReportQuery,
      response: ZDeskReport,
      handler: async ({ query, actor }) =>
        deskReport(db, { actor, brandSlug: query.brand, from: query.from, to: query.to, now: deps.now() }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/refunds",
      summary: "Refunds, newest first, with their state and who issued them",
      tags: ["desk", "money"],
      access: { kind: "staff", roles: ["admin", "agent"] },
      query: ZRefundsQuery,
      response: ZRefundList,
      handler: async ({ query, actor }) => ({
        refunds: await listRefunds(db, { actor, status: query.status, limit: query.limit }),
      }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/desk/store-credit",
      summary: "The store-credit ledger, newest first; with email, one shopper's rows and balance",
      tags: ["desk", "money"],
      access: { kind: "staff", roles: ["admin", "agent"] },
      query: ZStoreCreditQuery,
      response: ZStoreCreditLedger,
      handler: async ({ query, actor }) =>
        listStoreCredit(db, { actor, email: query.email, limit: query.limit }),
    }),
  ];
}
