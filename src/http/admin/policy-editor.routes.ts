// The console's policy editor: read the policy in force, check a draft (errors with their line and
// the plain-English reading), keep saved scenarios, replay them against the draft, publish it.
import {
  checkPolicyDraft,
  deletePolicyScenario,
  getPolicyText,
  listPolicyScenarios,
  publishPolicyDraft,
  savePolicyScenario,
  testPolicyDraft,
} from "../../app/brands/policy-drafts.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteAccess, type RouteSpec } from "../route.ts";
import {
  ZDraftCheck,
  ZDraftTest,
  ZPolicyBrandParams,
  ZPolicyDraftBody,
  ZPolicyText,
  ZPublished,
  ZSavedScenario,
  ZSaveScenarioBody,
  ZScenarioList,
  ZScenarioParams,
} from "./policy-editor.schema.ts";

const ADMIN: RouteAccess = { kind: "staff", roles: ["admin"] };
const BASE = "/api/v1/admin/brands/:brand/policy";

export function policyEditorRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: BASE,
      summary: "The brand's policy in force, as YAML, with its version",
      tags: ["admin", "policy"],
      access: ADMIN,
      params: ZPolicyBrandParams,
      response: ZPolicyText,
      handler: async ({ params, actor }) => getPolicyText(db, actor, params.brand),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/check`,
      summary: "Check a policy draft: problems with their line, and the draft read in plain English",
      tags: ["admin", "policy"],
      access: ADMIN,
      params: ZPolicyBrandParams,
      body: ZPolicyDraftBody,
      response: ZDraftCheck,
      handler: async ({ body }) => checkPolicyDraft(body.yaml),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/test`,
      summary: "Replay the brand's saved scenarios against a draft, before publishing it",
      tags: ["admin", "policy"],
      access: ADMIN,
      params: ZPolicyBrandParams,
      body: ZPolicyDraftBody,
      response: ZDraftTest,
      handler: async ({ params, body, actor }) =>
        testPolicyDraft(db, { actor, brandSlug: params.brand, yaml: body.yaml }),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/publish`,
      summary: "Publish a draft as the next policy version (refused when it has errors or breaks a scenario)",
      tags: ["admin", "policy"],
      access: ADMIN,
      params: ZPolicyBrandParams,
      body: ZPolicyDraftBody,
      response: ZPublished,
      status: 201,
      handler: async ({ params, body, actor, request }) =>
        publishPolicyDraft(db, {
          actor,
          brandSlug: params.brand,
          yaml: body.yaml,
          now: deps.now(),
          requestId: String(request.id),
        }),
    }),
    defineRoute({
      method: "GET",
      url: `${BASE}/scenarios`,
      summary: "The brand's saved scenarios (each with an expect block)",
      tags: ["admin", "policy"],
      access: ADMIN,
      params: ZPolicyBrandParams,
      response: ZScenarioList,
      handler: async ({ params, actor }) => ({
        scenarios: await listPolicyScenarios(db, actor, params.brand),
      }),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/scenarios`,
      summary: "Save a scenario to replay against every policy draft",
      tags: ["admin", "policy"],
      access: ADMIN,
      params: ZPolicyBrandParams,
      body: ZSaveScenarioBody,
      response: ZSavedScenario,
      status: 201,
      handler: async ({ params, body, actor }) =>
        savePolicyScenario(db, {
          actor,
          brandSlug: params.brand,
          name: body.name,
          scenario: body.scenario,
          now: deps.now(),
        }),
    }),
    defineRoute({
      method: "DELETE",
      url: `${BASE}/scenarios/:id`,
      summary: "Delete a saved scenario",
      tags: ["admin", "policy"],
      access: ADMIN,
      params: ZScenarioParams,
      status: 204,
      handler: async ({ params, actor }) => {
        await deletePolicyScenario(db, { actor, brandSlug: params.brand, id: params.id, now: deps.now() });
        return undefined;
      },
    }),
  ];
}
