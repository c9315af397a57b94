// Policy evaluation over HTTP: the same pure evaluation as `aftercare policy check`, for one scenario.

import { getBrandPolicy } from "../../app/brands/get-brand-policy.ts";
import { AppError } from "../../app/kernel/errors.ts";
import { evaluate } from "../../domain/policy/evaluate.ts";
import { InvalidScenarioError, parseScenario, ZScenario } from "../../domain/scenario.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute } from "../route.ts";
import { ZBrandParams, ZDecision } from "./policy.schema.ts";

export function policyRoutes(deps: ServerDeps) {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/brands/:brand/policy/evaluate",
      summary: "Evaluate one scenario (order + request + moment) against the brand's current policy",
      tags: ["policy"],
      access: { kind: "public" },
      params: ZBrandParams,
      // Validated inside, so a malformed scenario answers INVALID_SCENARIO like the CLI does.
      bodyDoc: ZScenario,
      response: ZDecision,
      handler: async ({ params, request }) => {
        const { policy } = await getBrandPolicy(deps.store.db, params.brand);
        try {
          // Object.assign: a spread followed by a new key is a slow path on Node 20 (microseconds).
          return evaluate(
            policy,
            parseScenario(Object.assign({}, request.body as object, { brand: params.brand })),
          );
        } catch (error) {
          if (error instanceof InvalidScenarioError) {
            throw new AppError("VALIDATION", error.message, { code: "INVALID_SCENARIO" });
          }
          throw error;
        }
      },
    }),
  ];
}
