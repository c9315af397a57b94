// One layout for every email: a content model (heading, paragraphs, facts, one button) rendered twice,
// as table-based HTML that mail clients show reliably and as plain text, so the two parts always say the
// same thing. Every value is escaped on the way into the HTML.

export interface BrandLook {
  readonly slug: string;
  readonly name: string;
  /** Header and button colour, e.g. #2b3a55 (the brand's theme in brands/<slug>/brand.yaml). */
  readonly primary: string;
  /** Rules and highlights. */
  readonly accent: string;
  /** The page behind the message. */
  readonly background: string;
  readonly supportEmail: string;
  readonly partnershipsEmail: string | null;
  readonly portalBaseUrl: string;
}

export interface MailContent {
  readonly subject: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** Label and value pairs shown as a small table (order number, RMA, dates, amounts). */
  readonly facts?: readonly (readonly [string, string])[];
  /** Numbered steps (packing instructions). */
  readonly steps?: readonly string[];
  readonly button?: { readonly label: string; readonly url: string };
  /** More links under the button (the survey's scores). */
  readonly links?: readonly { readonly label: string; readonly url: string }[];
  /** A quoted message (a staff reply). */
  readonly quote?: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const COLOUR = /^#[0-9a-fA-F]{3,8}$/;
const safeColour = (value: string, fallback: string) => (COLOUR.test(value) ? value : fallback);

export function renderMail(brand: BrandLook, content: MailContent): RenderedMail {
  const primary = safeColour(brand.primary, "#222222");
  const accent = safeColour(brand.accent, "#999999");
  const background = safeColour(brand.background, "#f4f1ec");
  const e = escapeHtml;
  const paragraphs = content.paragraphs.map(
    (p) => `<p style="margin:0 0 14px;line-height:1.5">${e(p).replaceAll("\n", "<br>")}</p>`,
  );
  const facts = content.facts?.length
    ? `<table role="presentation" cellpadding="6" style="border-collapse:collapse;margin:8px 0 16px">${content.facts
        .map(
          ([k, v]) =>
            `<tr><td style="color:#666;padding-right:16px">${e(k)}</td><td style="font-weight:bold">${e(v)}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const steps = content.steps?.length
    ? `<ol style="margin:0 0 16px;padding-left:20px;line-height:1.5">${content.steps.map((s) => `<li>${e(s)}</li>`).join("")}</ol>`
    : "";
  const quote = content.quote
    ? `<blockquote style="margin:0 0 16px;padding:8px 14px;border-left:3px solid ${accent};background:${background}">${e(content.quote).replaceAll("\n", "<br>")}</blockquote>`
    : "";
  const button = content.button
    ? `<p style="margin:20px 0"><a href="${e(content.button.url)}" style="background:${primary};color:#ffffff;padding:12px 22px;text-decoration:none;border-radius:4px;display:inline-block">${e(content.button.label)}</a></p>`
    : "";
  const links = content.links?.length
    ? `<p style="margin:12px 0">${content.links
        .map(
          (l) =>
            `<a href="${e(l.url)}" style="color:${primary};margin-right:12px;font-weight:bold">${e(l.label)}</a>`,
        )
        .join(" ")}</p>`
    : "";
  const footer = `${e(brand.name)} · ${e(brand.supportEmail)}`;
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(content.subject)}</title></head>
<body style="margin:0;background:${background};font-family:Helvetica,Arial,sans-serif;color:#222">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff">
<tr><td style="background:${primary};color:#ffffff;padding:18px 24px;font-size:20px;font-weight:bold">${e(brand.name)}</td></tr>
<tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${e(content.heading)}</h1>
${paragraphs.join("\n")}
${facts}${steps}${quote}${button}${links}
</td></tr>
<tr><td style="padding:14px 24px;color:#777;font-size:12px;border-top:1px solid #eee">${footer}</td></tr>
</table></td></tr></table></body></html>`;

  const lines: string[] = [brand.name, "", content.heading, ""];
  for (const p of content.paragraphs) lines.push(p, "");
  if (content.facts?.length) {
    for (const [k, v] of content.facts) lines.push(`${k}: ${v}`);
    lines.push("");
  }
  if (content.steps?.length) {
    content.steps.forEach((s, i) => {
      lines.push(`${i + 1}. ${s}`);
    });
    lines.push("");
  }
  if (content.quote) lines.push(...content.quote.split("\n").map((l) => `> ${l}`), "");
  if (content.button) lines.push(`${content.button.label}: ${content.button.url}`, "");
  for (const l of content.links ?? []) lines.push(`${l.label}: ${l.url}`);
  if (content.links?.length) lines.push("");
  lines.push("--", `${brand.name} · ${brand.supportEmail}`);
  return { subject: content.subject, html, text: lines.join("\n") };
}
