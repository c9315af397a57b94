// Reads a policy file (YAML) into a validated Policy. Errors name the file, the path inside it (with
// the line when known) and what is wrong, because the person reading them is a store admin.
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { isSupportedHolidayCountry, isValidTimeZone } from "../calendar.ts";
import { makePolicy, type Policy, type PolicyFile, PolicyFileSchema } from "./schema.ts";

export interface PolicyProblem {
  /** Path inside the file, e.g. `returns.window.days`. */
  readonly path: string;
  readonly line: number | null;
  readonly message: string;
}

export class PolicyLoadError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly PolicyProblem[],
  ) {
    super(
      `${source}: invalid policy\n${problems
        .map((p) => `  ${source}${p.line ? `:${p.line}` : ""} at ${p.path || "(top)"}: ${p.message}`)
        .join("\n")}`,
    );
    this.name = "PolicyLoadError";
  }
}

type PathKey = string | number;

function lineOf(root: Node | null, path: readonly PathKey[], counter: LineCounter): number | null {
  let node: unknown = root;
  let best: number | null = null;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) best = counter.linePos(keyNode.range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      const n = node as Node | undefined;
      if (n?.range) best = counter.linePos(n.range[0]).line;
    } else break;
  }
  return best ?? (root?.range ? counter.linePos(root.range[0]).line : null);
}

const formatPath = (path: readonly PathKey[]) =>
  path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");

/** Cross-field checks zod cannot express locally: clause ids resolve, zones and calendars exist. */
function semanticProblems(file: PolicyFile): { path: PathKey[]; message: string }[] {
  const problems: { path: PathKey[]; message: string }[] = [];
  const visit = (value: unknown, path: PathKey[]) => {
    if (Array.isArray(value))
      value.forEach((v, i) => {
        visit(v, [...path, i]);
      });
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (path[0] === "clauses") continue;
        if (/clause$/i.test(k) && typeof v === "string" && !(v in file.clauses)) {
          problems.push({ path: [...path, k], message: `clause '${v}' is not defined under 'clauses'` });
        }
        visit(v, [...path, k]);
      }
    }
  };
  visit(file, []);
  if (!isValidTimeZone(file.brand.timeZone)) {
    problems.push({
      path: ["brand", "timeZone"],
      message: `'${file.brand.timeZone}' is not an IANA time zone`,
    });
  }
  const h = file.brand.holidays;
  if (h && !isSupportedHolidayCountry(h.country, h.region)) {
    problems.push({
      path: ["brand", "holidays"],
      message: `no public-holiday calendar for ${h.country}${h.region ? `/${h.region}` : ""}`,
    });
  }
  return problems;
}

/** Validates an already-parsed policy object (JSON from the API, say). */
export function policyFromObject(data: unknown, source: string): Policy {
  const result = PolicyFileSchema.safeParse(data ?? {});
  if (!result.success) throw new PolicyLoadError(source, zodProblems(result.error, null, new LineCounter()));
  const semantic = semanticProblems(result.data);
  if (semantic.length) {
    throw new PolicyLoadError(
      source,
      semantic.map((p) => ({ path: formatPath(p.path), line: null, message: p.message })),
    );
  }
  return makePolicy(result.data);
}

function zodProblems(error: z.ZodError, root: Node | null, counter: LineCounter): PolicyProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((k): k is PathKey => typeof k !== "symbol");
    return { path: formatPath(path), line: lineOf(root, path, counter), message: issue.message };
  });
}

/** Parses and validates policy YAML. `source` (usually the file name) prefixes every error. */
export function parsePolicy(text: string, source: string): Policy {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  if (doc.errors.length) {
    throw new PolicyLoadError(
      source,
      doc.errors.map((e) => ({
        path: "",
        line: e.linePos?.[0]?.line ?? null,
        message: e.message.split("\n")[0] ?? e.message,
      })),
    );
  }
  const root = doc.contents as Node | null;
  const result = PolicyFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) throw new PolicyLoadError(source, zodProblems(result.error, root, counter));
  const semantic = semanticProblems(result.data);
  if (semantic.length) {
    throw new PolicyLoadError(
      source,
      semantic.map((p) => ({
        path: formatPath(p.path),
        line: lineOf(root, p.path, counter),
        message: p.message,
      })),
    );
  }
  return makePolicy(result.data);
}
