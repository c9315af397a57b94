// Evaluates one raw scenario against the policy of its brand, turning every failure into the
// contract's error line instead of an exception, so one bad scenario never stops a batch.
import type { Decision } from "../../domain/decision.ts";
import { evaluate } from "../../domain/policy/evaluate.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { InvalidScenarioError, parseScenario } from "../../domain/scenario.ts";

export type ScenarioError = { code: "INVALID_SCENARIO" | "UNKNOWN_BRAND"; message: string };
export type ScenarioResult = Decision | { id: string | number | null; error: ScenarioError };

export type PolicyResolver = (brand: string) => Policy | null;

function idOf(raw: unknown): string | number | null {
  if (raw && typeof raw === "object" && "id" in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === "string" || typeof id === "number") return id;
  }
  return null;
}

export function evaluateScenario(
  raw: unknown,
  resolve: PolicyResolver,
  brandOverride?: string,
): ScenarioResult {
  const id = idOf(raw);
  try {
    const scenario = parseScenario(raw);
    const brand = brandOverride ?? scenario.brand;
    if (!brand)
      return { id, error: { code: "INVALID_SCENARIO", message: "brand: required (or pass --brand)" } };
    const policy = resolve(brand);
    if (!policy) return { id, error: { code: "UNKNOWN_BRAND", message: `no brand '${brand}'` } };
    return evaluate(policy, scenario);
  } catch (error) {
    if (error instanceof InvalidScenarioError)
      return { id, error: { code: "INVALID_SCENARIO", message: error.message } };
    throw error;
  }
}

export const isError = (r: ScenarioResult): r is { id: string | number | null; error: ScenarioError } =>
  "error" in r;
