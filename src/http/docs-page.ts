// A self-contained API docs page rendered from the OpenAPI document (no CDN: installs may be offline).
type Doc = { info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };
type Operation = {
  summary: string;
  tags: string[];
  security: unknown[];
  requestBody?: unknown;
  parameters?: unknown[];
  "x-aftercare-access"?: { kind: string; roles?: string[] };
};

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

export function renderDocsPage(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const access = op["x-aftercare-access"];
      const who = access
        ? access.kind === "staff"
          ? `staff: ${(access.roles ?? []).join(", ")}`
          : access.kind
        : "";
      const body = op.requestBody
        ? `<details><summary>request body</summary><pre>${esc(JSON.stringify(op.requestBody, null, 2))}</pre></details>`
        : "";
      const html = `<section><h3><code class="m">${method.toUpperCase()}</code> <code>${esc(path)}</code></h3><p>${esc(op.summary)} <em>(${esc(who)})</em></p>${body}</section>`;
      const tag = op.tags[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag.entries()]
    .map(([tag, items]) => `<h2>${esc(tag)}</h2>${items.join("")}`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} API</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}code.m{background:#224;color:#fff;padding:2px 6px;border-radius:4px}section{border-bottom:1px solid #eee;padding:.5rem 0}pre{background:#f6f6f6;padding:.5rem;overflow:auto}</style>
</head><body><h1>${esc(doc.info.title)} API <small>${esc(doc.info.version)}</small></h1>
<p>Machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors share one shape: <code>{"error":{"code","message","details","requestId"}}</code>.</p>
${sections}</body></html>`;
}
