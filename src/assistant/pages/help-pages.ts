// Help pages as stores publish them: a saved help-centre or FAQ page (HTML with the site around it)
// and the articles export of hosted help centres (JSON). Both become Blocks: article titles with
// their addresses, section headings, paragraphs and list items, with the site's chrome (navigation,
// cookie banners, headers and footers, search boxes, article metadata) left out.
import { Parser } from "htmlparser2";
import {
  type Block,
  collapse,
  headingText,
  lineShape,
  tableRowText,
  withoutLeadingSymbols,
} from "./page-structure.ts";

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "blockquote",
  "br",
  "tr",
  "td",
  "th",
  "dd",
  "ul",
  "ol",
  "table",
  "hr",
  "details",
  "figcaption",
]);
/** What stands between the links of a breadcrumb trail or a row of links. */
const LINK_SEPARATORS = /[\s/|›»>·•:,\-–—]+/g;
/**
 * Whether a block's text outside its links (before the first link, then after each) is a trail:
 * two or more links, only separators between them, and at most a short name after a separator.
 */
function isLinkTrail(gaps: readonly string[]): boolean {
  if (gaps.length < 3) return false;
  const bare = (gap: string) => gap.replace(LINK_SEPARATORS, "");
  if (!gaps.slice(0, -1).every((gap) => bare(gap) === "")) return false;
  const last = collapse(gaps.at(-1) ?? "");
  if (bare(last) === "") return true;
  return /^[/|›»>·•]/.test(last) && last.split(" ").length <= 8 && !/[.!]$/.test(last);
}

/** Never text a shopper reads. */
const SKIP_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "svg",
  "nav",
  "form",
  "select",
  "iframe",
]);
/** Elements that name what follows them: an FAQ's question, an accordion's toggle. */
const LABEL_TAGS = new Set(["summary", "dt", "button"]);
/** Landmarks that are the site, not the page: `role="navigation"`, a cookie dialog… */
const CHROME_ROLES = new Set([
  "navigation",
  "banner",
  "contentinfo",
  "search",
  "dialog",
  "alertdialog",
  "complementary",
]);
/**
 * Class and id words of a site's furniture, as themes and help-centre products name it: the site
 * header and footer, menus, breadcrumbs, cookie and consent banners, announcement bars, newsletter
 * sign-ups, sharing and voting widgets, article metadata and related-article lists.
 */
const CHROME_NAME =
  /^(?:(?:site|page|global|main|top)[-_]?(?:header|footer|nav|menu)|header|footer|navbar|nav|menu|(?:(?:article|section|collapsible|left|right)[-_]?)?side[-_]?(?:bar|nav)|breadcrumbs?|skip[-_]?link|social|share|sharing|search|search[-_]?box|article[-_]?(?:meta|votes?|footer|comments?|subscribe|relatives|share)|(?:related|recent)[-_]?articles?|(?:article[-_]?)?(?:author|byline|avatar)|comments?|votes?|pagination)$|cookie|consent|gdpr|announcement|newsletter|promo[-_]?bar|popup|modal/i;

/** A link drawn as a button ("Start a return") is an action, not text to cite. */
const isButtonLink = (name: string, attrs: Readonly<Record<string, string>>): boolean =>
  name === "a" &&
  /(?:^|[\s_-])(?:btn|button|cta)(?:$|[\s_-])/i.test(`${attrs.class ?? ""} ${attrs.id ?? ""}`);

/** Whether a button opens and closes what follows it (an accordion's toggle) by its attributes. */
function isToggle(attrs: Readonly<Record<string, string>>): boolean {
  return (
    attrs["aria-expanded"] !== undefined ||
    attrs["aria-controls"] !== undefined ||
    Object.keys(attrs).some((k) => /^data-(?:bs-)?toggle$/.test(k)) ||
    /accordion|toggle|collaps|faq|question|trigger|title|summary|header/i.test(
      `${attrs.class ?? ""} ${attrs.id ?? ""}`,
    )
  );
}

function isChrome(name: string, attrs: Readonly<Record<string, string>>, inMain: boolean): boolean {
  if (isButtonLink(name, attrs)) return true;
  const names = `${attrs.class ?? ""} ${attrs.id ?? ""}`;
  // A BEM-style name ("header__container", "nav__item") is its block's: the part before "__".
  const words = names
    .split(/\s+/)
    .filter((w) => w !== "")
    .flatMap((w) => (w.includes("__") ? [w, w.slice(0, w.indexOf("__"))] : [w]));
  // Inside the page's marked main content, a header is the page's or the article's own (the site's
  // header is outside it), whatever utility classes a theme gives it.
  if (name === "header" && inMain) return words.some((w) => CHROME_NAME.test(w));
  // A footer, the page's or an article's, holds edit links, tags, sharing and votes.
  if (name === "footer") return true;
  if (name === "header" || name === "aside") {
    // An article's own header holds its title and an aside in it may be a note; the page's header,
    // and a sidebar listing the section's other articles, are the site's.
    return words.some((w) => CHROME_NAME.test(w)) || !/article|faq|question|entry|post/i.test(names);
  }
  if (attrs.role && CHROME_ROLES.has(attrs.role)) return true;
  if (attrs["aria-hidden"] === "true" && name !== "div") return true;
  return words.some((w) => CHROME_NAME.test(w));
}

/**
 * Whether a page marks its content with `<main>` or `role="main"`: then only that part is read,
 * whatever the theme calls the furniture around it (a promo strip or sign-up box no class name
 * gives away).
 */
export function marksMain(content: string): boolean {
  return /<main[\s>]|\srole\s*=\s*["']?main["'\s>]/i.test(content);
}

export interface HtmlOptions {
  /** The HTML is an article body alone (an export's), with no site around it. */
  readonly whole?: boolean;
}

/**
 * HTML through a real parser. The first `h1` of each `<article>` (or of the page) is an article
 * title, other headings are sections; an FAQ's `<summary>`, `<dt>` or accordion button is the
 * heading of its answer; a paragraph that is only bold text shaped like a heading ("Fees and
 * Deadlines:") is a section heading; `li` become list items, other blocks paragraphs. A page that
 * marks its main content (`<main>`, `role="main"`) is read there only.
 */
export function htmlBlocks(content: string, options: HtmlOptions = {}): Block[] {
  const blocks: Block[] = [];
  let buffer = "";
  let boldText = "";
  let kind: Block["kind"] = "para";
  const skip: string[] = [];
  let liDepth = 0;
  let boldDepth = 0;
  let inArticle = 0;
  let titleSeen = false;
  let articleTitled = false;
  let canonical: string | undefined;
  const shaped = new Map<number, string>();
  const mainOnly = !options.whole && marksMain(content);
  /** Elements open inside the main content, the main element included; 0 outside it. */
  let mainDepth = 0;
  // Tables: a row's cells are gathered and become one line (see tableRowText); a first row of `th`
  // cells names the columns.
  let row: string[] | undefined;
  let rowAllHeaders = true;
  let cellDepth = 0;
  let headers: string[] | undefined;
  // A block made of two or more links with nothing but separators between them, perhaps ending in
  // the current page's name, is navigation (a breadcrumb trail or a row of links a theme gives no
  // telling class): it is left out. `gaps` holds the text outside links: before the first, after each.
  let linkDepth = 0;
  let gaps: string[] = [""];
  // A button that is no toggle by its attributes names what follows it only when it asks a question
  // (a toggle a script drives); otherwise it is an action ("Start a return") and its text is dropped.
  let actionButton = false;
  // An accordion's toggle drawn as another element (`<div role="button" aria-expanded>`, a tab of a
  // tab list) names its answer as a button does; `depth` counts open elements so its end is known.
  let depth = 0;
  let toggleDepth = 0;
  // The document's <title>, the article's name when no <h1> gives one ("Refund policy – Shop").
  let documentTitle = "";
  let inDocumentTitle = false;
  // Structured data a page carries for search engines (JSON-LD): an FAQ page's questions and answers
  // are there even when the page draws them with a script and the saved HTML holds no text of them.
  const structured: string[] = [];
  let inStructured = false;
  const flush = (): void => {
    const text = collapse(buffer);
    const bold = collapse(boldText);
    const dropped =
      (isLinkTrail(gaps) && kind !== "title" && kind !== "heading") || (actionButton && !text.endsWith("?"));
    actionButton = false;
    gaps = [""];
    if (text && !dropped) {
      if (kind === "title" || kind === "heading") {
        blocks.push(
          kind === "title"
            ? { kind, text: withoutLeadingSymbols(text) || text, url: canonical }
            : { kind, text: headingText(text) },
        );
      } else if (
        kind === "para" &&
        (bold === text ? boldLineIsHeading(text) : lineShape(text) !== "text" && /[:?]$/.test(text))
      ) {
        // A heading told by its shape; one that introduces a list turns back into text below.
        shaped.set(blocks.length, text);
        blocks.push({ kind: "heading", text: headingText(text) });
      } else blocks.push({ kind: kind === "item" ? "item" : "para", text });
    }
    buffer = "";
    boldText = "";
    kind = liDepth > 0 ? "item" : "para";
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "link" && attrs.rel === "canonical" && attrs.href) canonical = attrs.href;
        // The page's address as shared links give it, when it names no canonical one.
        if (name === "meta" && attrs.property === "og:url" && attrs.content) canonical ??= attrs.content;
        if (name === "title" && !documentTitle) inDocumentTitle = true;
        if (name === "script" && /ld\+json/i.test(attrs.type ?? "")) {
          inStructured = true;
          structured.push("");
        }
        if (mainOnly) {
          if (mainDepth === 0 && name !== "main" && attrs.role !== "main") return;
          mainDepth++;
        }
        if (
          skip.length > 0 ||
          SKIP_TAGS.has(name) ||
          (!options.whole && isChrome(name, attrs, mainOnly && mainDepth > 1))
        ) {
          skip.push(name);
          return;
        }
        depth++;
        if (name === "article") {
          flush();
          inArticle++;
          articleTitled = false;
        }
        if (name === "b" || name === "strong") boldDepth++;
        if (name === "a") {
          linkDepth++;
          gaps.push("");
        }
        if (name === "table") {
          flush();
          headers = undefined;
          return;
        }
        if (name === "tr") {
          flush();
          row = [];
          rowAllHeaders = true;
          return;
        }
        if ((name === "td" || name === "th") && row) {
          if (cellDepth === 0) buffer = "";
          if (name === "td") rowAllHeaders = false;
          cellDepth++;
          return;
        }
        if (cellDepth > 0) {
          // Paragraphs, breaks and lists inside a cell are part of the cell's text.
          if (BLOCK_TAGS.has(name) || name === "li") buffer += " ";
          return;
        }
        if (/^h[1-6]$/.test(name)) {
          flush();
          const starts = name === "h1" && (inArticle > 0 ? !articleTitled : !titleSeen);
          kind = starts ? "title" : "heading";
          if (starts) {
            titleSeen = true;
            articleTitled = true;
          }
        } else if (LABEL_TAGS.has(name)) {
          flush();
          kind = "heading";
          actionButton = name === "button" && !isToggle(attrs);
        } else if (
          toggleDepth === 0 &&
          (attrs.role === "button" || attrs.role === "tab") &&
          isToggle(attrs)
        ) {
          flush();
          kind = "heading";
          toggleDepth = depth + 1;
        } else if (name === "li") {
          flush();
          liDepth++;
          kind = "item";
        } else if (BLOCK_TAGS.has(name)) flush();
      },
      ontext(text) {
        if (inDocumentTitle) documentTitle += text;
        if (inStructured) structured[structured.length - 1] += text;
        if (skip.length > 0 || (mainOnly && mainDepth === 0)) return;
        buffer += text;
        if (linkDepth === 0) gaps[gaps.length - 1] += text;
        if (boldDepth > 0) boldText += text;
        else if (text.trim() !== "") boldText += "\u0000";
      },
      onclosetag(name) {
        if (name === "title") inDocumentTitle = false;
        if (name === "script") inStructured = false;
        if (mainOnly) {
          if (mainDepth === 0) return;
          mainDepth--;
        }
        if (skip.length > 0) {
          skip.pop();
          return;
        }
        if (toggleDepth > 0 && depth === toggleDepth) {
          toggleDepth = 0;
          flush();
        }
        depth = Math.max(0, depth - 1);
        if (name === "b" || name === "strong") boldDepth = Math.max(0, boldDepth - 1);
        if (name === "a") linkDepth = Math.max(0, linkDepth - 1);
        if ((name === "td" || name === "th") && row && cellDepth > 0) {
          cellDepth--;
          if (cellDepth === 0) {
            row.push(collapse(buffer));
            buffer = "";
            boldText = "";
          }
          return;
        }
        if (cellDepth > 0) {
          if (BLOCK_TAGS.has(name) || name === "li") buffer += " ";
          return;
        }
        if (name === "tr" && row) {
          const cells = row;
          row = undefined;
          if (rowAllHeaders && headers === undefined && cells.length > 1) headers = cells;
          else {
            const text = tableRowText(cells, headers);
            if (text) blocks.push({ kind: "para", text });
          }
          return;
        }
        if (name === "table") {
          flush();
          headers = undefined;
          row = undefined;
          cellDepth = 0;
          return;
        }
        if (name === "article") {
          flush();
          inArticle = Math.max(0, inArticle - 1);
        } else if (/^h[1-6]$/.test(name) || LABEL_TAGS.has(name) || BLOCK_TAGS.has(name)) flush();
        else if (name === "li") {
          flush();
          liDepth = Math.max(0, liDepth - 1);
          kind = liDepth > 0 ? "item" : "para";
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(content);
  parser.end();
  flush();
  const read = blocks.map((b, i): Block => {
    const original = shaped.get(i);
    return original !== undefined && blocks[i + 1]?.kind === "item" ? { kind: "para", text: original } : b;
  });
  // Questions of the structured data that the page's own text does not hold, with their answers.
  const asked = new Set(read.filter((b) => b.kind === "heading").map((b) => questionKey(b.text)));
  for (const { question, answer } of structuredFaq(structured)) {
    if (asked.has(questionKey(question))) continue;
    asked.add(questionKey(question));
    const answerBlocks = htmlBlocks(answer, { whole: true }).filter(
      (b) => b.kind === "para" || b.kind === "item",
    );
    if (answerBlocks.length) read.push({ kind: "heading", text: headingText(question) }, ...answerBlocks);
  }
  const named = pageName(collapse(documentTitle));
  return !titleSeen && !options.whole && named
    ? [{ kind: "title", text: named, url: canonical }, ...read]
    : read;
}

/** A JSON object, or undefined for anything else. */
const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const questionKey = (text: string): string =>
  collapse(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, "");

/** The questions and answers of schema.org FAQPage data in a page's JSON-LD scripts. */
function structuredFaq(scripts: readonly string[]): { question: string; answer: string }[] {
  const found: { question: string; answer: string }[] = [];
  const typed = (v: Record<string, unknown>, type: string) =>
    v["@type"] === type || (Array.isArray(v["@type"]) && v["@type"].includes(type));
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const node = record(v);
    if (!node) return;
    if (typed(node, "Question")) {
      const answer = record(node.acceptedAnswer) ?? record(node.suggestedAnswer);
      if (typeof node.name === "string" && typeof answer?.text === "string")
        found.push({ question: node.name, answer: answer.text });
      return;
    }
    visit(node["@graph"], depth + 1);
    visit(node.mainEntity, depth + 1);
  };
  for (const script of scripts) {
    try {
      visit(JSON.parse(script), 0);
    } catch {
      // Not JSON: a theme's broken script is no reason to refuse the page.
    }
  }
  return found;
}

/**
 * The page's own name from a document title, which themes end with the site's name ("Refund policy –
 * Fernhill Goods", "FAQ | Shop"): the part before the last separator, or the whole title.
 */
function pageName(title: string): string {
  const parts = title.split(/\s+[-–—|·•:]{1,2}\s+/);
  return (parts.length > 1 ? parts.slice(0, -1).join(" – ") : title).trim();
}

/**
 * A line that is wholly bold (its own paragraph, or set apart by line breaks) is a heading when the
 * line's shape says so, and also when it is a longer label without sentence punctuation, as store
 * pages bold their section names ("European Union 14 day cooling off period"). A bold sentence (a
 * closing full stop, or two sentences) stays text.
 */
function boldLineIsHeading(text: string): boolean {
  if (lineShape(text) !== "text") return true;
  return text.length <= 90 && text.split(" ").length <= 12 && !/[.;,!]$/.test(text) && !/[.!?]\s/.test(text);
}

/** One article of a help centre's export. */
export interface ExportedArticle {
  readonly title: string;
  readonly body: string;
  readonly url?: string | undefined;
}

/**
 * The articles of a help centre's JSON export, in the shapes the hosted help centres' APIs give:
 * `{"articles":[{title, body, html_url, draft}]}`, a single `{"article":{…}}` or `{"page":{…}}`, a
 * list under `data`, `items`, `results`, `pages` or `policies` (a shop platform's pages and policies;
 * or `articles.items`), or a plain array. An article's title is its `title` (or `name`), its HTML
 * body `body`, `content`, `description`, `text` or `body_html`, either possibly an object holding it
 * as `rendered` (a CMS's REST API), and its address `html_url`, `url`, `public_url`, `publicUrl` or
 * `link`. Drafts and unpublished articles (`draft: true`, a `status` or `state` of "draft",
 * "notpublished", "private", "archived"…) are left out.
 */
export function exportArticles(content: string): ExportedArticle[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    throw new Error("the file is not JSON: expected a help centre's articles export");
  }
  const root = record(data);
  const listed = (v: unknown): unknown[] | undefined =>
    Array.isArray(v) ? v : Array.isArray(record(v)?.items) ? (record(v)?.items as unknown[]) : undefined;
  const list: unknown[] =
    (Array.isArray(data) ? data : undefined) ??
    listed(root?.articles) ??
    listed(root?.data) ??
    listed(root?.items) ??
    listed(root?.results) ??
    listed(root?.pages) ??
    listed(root?.policies) ??
    (root?.article !== undefined ? [root.article] : root?.page !== undefined ? [root.page] : []);
  // A field is a string, or an object holding it as `rendered` (a CMS's REST API: WordPress pages).
  const text = (a: Record<string, unknown>, keys: readonly string[]): string | undefined =>
    keys
      .map((k) => a[k])
      .map((v) => (typeof v === "string" ? v : record(v)?.rendered))
      .find((v): v is string => typeof v === "string" && v.trim() !== "");
  const articles: ExportedArticle[] = [];
  for (const item of list) {
    const a = record(item);
    if (
      !a ||
      a.draft === true ||
      /^(?:draft|private|trash|notpublished|unpublished|archived)$/.test(String(a.status ?? a.state ?? ""))
    )
      continue;
    // Titles may carry markup or entities (a CMS renders them): read as a line of HTML.
    const rawTitle = text(a, ["title", "name"]) ?? "";
    const title = collapse(
      /[<&]/.test(rawTitle)
        ? htmlBlocks(rawTitle, { whole: true })
            .map((b) => b.text)
            .join(" ")
        : rawTitle,
    );
    const body = text(a, ["body", "content", "description", "text", "body_html"]) ?? "";
    const address = ["html_url", "url", "public_url", "publicUrl", "link"]
      .map((k) => a[k])
      .find((u): u is string => typeof u === "string" && /^https?:\/\//.test(u));
    if (title || body) articles.push({ title: title || "Help article", body, url: address });
  }
  if (articles.length === 0)
    throw new Error('no articles found: expected {"articles": [{"title", "body"}, …]}');
  return articles;
}
