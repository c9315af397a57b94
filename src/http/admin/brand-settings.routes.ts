// Admin: a brand's settings — its name, the addresses its mail arrives at and leaves from, and the care
// desk's business hours and SLA targets (used for the due dates of every case opened afterwards).
import { getBrandSettings } from "../../app/service-levels/get-brand-settings.ts";
import { updateBrandSettings } from "../../app/service-levels/update-brand-settings.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteAccess, type RouteSpec } from "../route.ts";
import { ZBrandSettings, ZBrandSettingsParams, ZUpdateBrandSettingsBody } from "./brand-settings.schema.ts";

const ADMIN: RouteAccess = { kind: "staff", roles: ["admin"] };
const SETTINGS_URL = "/api/v1/admin/brands/:brand/settings";

export function brandSettingsRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: SETTINGS_URL,
      summary: "A brand's name, mail addresses, business hours and SLA targets",
      tags: ["admin"],
      access: ADMIN,
      params: ZBrandSettingsParams,
      response: ZBrandSettings,
      handler: async ({ params, actor }) => getBrandSettings(db, actor, params.brand),
    }),
    defineRoute({
      method: "PUT",
      url: SETTINGS_URL,
      summary: "Change a brand's name, mail addresses, business hours and SLA targets (new cases use them)",
      tags: ["admin"],
      access: ADMIN,
      params: ZBrandSettingsParams,
      body: ZUpdateBrandSettingsBody,
      response: ZBrandSettings,
      handler: async ({ params, body, actor, request }) =>
        updateBrandSettings(db, {
          actor,
          brandSlug: params.brand,
          name: body.name,
          supportEmail: body.supportEmail,
          partnershipsEmail: body.partnershipsEmail,
          serviceLevels: body.serviceLevels,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
  ];
}
