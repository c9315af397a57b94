// The shape of a help page's lines and blocks, shared by the readers of each format (ingest.ts for
// plain text and Markdown, help-pages.ts for HTML and help-centre exports).

/**
 * One line-level unit of a document before passages are formed. A `title` starts a help article
 * (its address in `url` when the page gives one); a `heading` starts a section within it.
 */
export type Block =
  | { readonly kind: "title"; readonly text: string; readonly url?: string | undefined }
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "para"; readonly text: string }
  | { readonly kind: "item"; readonly text: string };

export const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

export const LIST_ITEM = /^\s*(?:[-*•+]|\d{1,2}[.)])\s+\S/;

/** Short words left lower-case inside a title ("Returns and Refunds for Orders"). */
const TITLE_SMALL_WORDS = new Set(
  "a an and as at but by for from in into of on or per the to via vs with your our my is are can do".split(
    " ",
  ),
);

/**
 * What a line of plain text is, judged by its shape alone:
 * - a heading: short, no closing full stop, and ending in ':' ("Fees and Deadlines:") or '?' (a
 *   question of an FAQ), ALL CAPS, a short title-like line, or numbered ("2. Refunds");
 * - a title: a longer line in Title Case without closing punctuation ("Returning a Product Bought
 *   Online or In Store"), which starts an article;
 * - otherwise text.
 * `nextIsItem` tells a heading from a sentence introducing a list ("Please include the below:").
 */
export function lineShape(raw: string, nextIsItem = false): "title" | "heading" | "text" {
  const line = withoutLeadingSymbols(raw);
  if (line === "") return "text";
  if (line.length > 120 || /[.;,!]$/.test(line)) return "text";
  const words = line.split(" ");
  if (line.endsWith(":")) {
    return !nextIsItem && words.length <= 7 && line.length <= 60 && !/[.!?]\s/.test(line)
      ? "heading"
      : "text";
  }
  if (line.endsWith("?")) return words.length <= 16 && !/[.!]\s/.test(line) ? "heading" : "text";
  if (/^\d{1,2}[.)]\s+\p{Lu}/u.test(line) && words.length <= 8) return "heading";
  if (isTitleCase(words) && words.length >= 6 && !/[.!?]\s/.test(line)) return "title";
  return isTitleLike(line) ? "heading" : "text";
}

/** Every word of weight starts with a capital letter (or a digit): "Delivery Notifications and Time Windows". */
function isTitleCase(words: readonly string[]): boolean {
  const weighty = words.filter((w) => !TITLE_SMALL_WORDS.has(w.toLowerCase()) && /\p{L}/u.test(w));
  if (weighty.length < 2) return false;
  const capital = weighty.filter((w) => /^["'“(]?[\p{Lu}\d]/u.test(w)).length;
  return capital / weighty.length >= 0.8;
}

/** A line of three or more "=" or "-" only: the underline of the line above. */
const UNDERLINE = /^(={3,}|-{3,})$/;

/** Plain text: one paragraph per line; headings and titles are told by the shape of the line. */
export function textBlocks(content: string): Block[] {
  const lines = content
    .split(/\r?\n/)
    .map(collapse)
    .filter((l) => l !== "" && !isBareNumber(l));
  const blocks: Block[] = [];
  // On an FAQ whose questions and answers are labelled ("Q. The wick won't stay lit" / "A. Trim
  // it…") the labels, not the line's shape, say what a line is; an unlabelled paragraph after a
  // labelled answer belongs to the section again, not to that question (unless it opens a list,
  // which is how an answer asks for details: "Please tell us:").
  let labelled: "no" | "asked" | "answered" = "no";
  let section: string | undefined;
  lines.forEach((line, i) => {
    // A short line underlined with "=" or "-" (as Markdown's setext headings, common in plain-text
    // FAQs) is a title or heading whatever its shape; a rule is never text (under a sentence it is
    // a separator).
    if (UNDERLINE.test(line)) return;
    const rule = UNDERLINE.exec(lines[i + 1] ?? "");
    if (rule && line.length <= 80 && !/[.;,!]$/.test(line)) {
      section = headingText(line);
      blocks.push({ kind: rule[1]?.startsWith("=") ? "title" : "heading", text: section });
      labelled = "no";
      return;
    }
    const asked = LABELLED_QUESTION.exec(line)?.[1];
    const next = lines[i + 1];
    if (asked !== undefined && next !== undefined && !LABELLED_QUESTION.test(next)) {
      blocks.push({ kind: "heading", text: headingText(asked) });
      labelled = "asked";
      return;
    }
    if (labelled === "asked" && ANSWER_LABEL.test(line)) {
      blocks.push({ kind: "para", text: line.replace(ANSWER_LABEL, "") });
      labelled = "answered";
      return;
    }
    const back = labelled === "answered" && !LIST_ITEM.test(next ?? "");
    labelled = "no";
    if (isMarkedQuestion(line, lines[i + 1])) {
      blocks.push({ kind: "heading", text: headingText(withoutMarker(line)) });
      return;
    }
    if (LIST_ITEM.test(line) && !(lineShape(line) === "heading" && /^\d/.test(line) && !/[.:]$/.test(line))) {
      blocks.push({ kind: "item", text: line });
      return;
    }
    const shape = lineShape(line, LIST_ITEM.test(lines[i + 1] ?? ""));
    if (shape === "text") {
      if (back && section !== undefined) blocks.push({ kind: "heading", text: section });
      blocks.push({ kind: "para", text: line });
    } else {
      section = headingText(line);
      blocks.push({ kind: shape, text: section });
    }
  });
  // A heading with nothing under it but another heading names a larger part: an article, or a
  // group of FAQ questions ("Delivery" above "How fast will my order arrive?").
  return blocks.map((b, i) =>
    b.kind === "heading" && blocks[i + 1]?.kind === "heading" ? { kind: "title", text: b.text } : b,
  );
}

/**
 * One row of a table as a line a shopper can read on its own: the row's first cell, then each other
 * cell under its column's header ("Electronics — Return window: 15 days; Refund: 7-10 business
 * days"), or the cells one after another when the table has no header row. Undefined for an empty
 * row.
 */
export function tableRowText(cells: readonly string[], headers?: readonly string[]): string | undefined {
  const texts = cells.map(collapse);
  if (texts.every((t) => t === "")) return undefined;
  if (!headers || headers.length !== texts.length || texts.length < 2)
    return texts.filter((t) => t !== "").join(" — ");
  const [first = "", ...rest] = texts;
  const named = rest.flatMap((t, i) => (t === "" ? [] : [`${collapse(headers[i + 1] ?? "")}: ${t}`]));
  return [first, named.join("; ")].filter((t) => t !== "").join(" — ");
}

/** A heading as shown: without its closing colon ("Fees and Deadlines:" → "Fees and Deadlines"). */
export function headingText(line: string): string {
  return withoutLeadingSymbols(collapse(line)).replace(QUESTION_LABEL, "").replace(/\s*:$/, "");
}

/** The label an FAQ puts before a question ("Q: Do you gift wrap?") and before its answer ("A: Yes"). */
const QUESTION_LABEL = /^(?:Q|Question)\s*[:.)]\s+(?=\S.*\?$)/i;
export const ANSWER_LABEL = /^(?:A|Answer)\s*[:.)]\s+/i;
/** A question line labelled as one ("Q. Do you gift wrap?", "Question: Wick too short"), its words in group 1. */
const LABELLED_QUESTION = /^(?:Q|Question)\s*[:.)]\s+(\S.*)$/i;

/**
 * A line that opens with a bullet or an accordion's toggle ("+ How long does shipping take?",
 * "▸ Can I return it?") and asks a question is an FAQ question pasted from a page, when its answer
 * follows on the next line rather than another item.
 */
export function isMarkedQuestion(line: string, next: string | undefined): boolean {
  const question = /^\s*[-*•+▸▶›»⌄▾]\s+(.+\?)$/.exec(line)?.[1];
  if (!question || question.split(" ").length > 16 || /[.!]\s/.test(question)) return false;
  return next !== undefined && !LIST_ITEM.test(next) && !TOGGLE.test(next);
}
const TOGGLE = /^\s*[▸▶›»⌄▾]\s+/;
/** A marked question without its marker. */
export const withoutMarker = (line: string): string => line.replace(/^\s*[-*•+▸▶›»⌄▾]\s+/, "");

/** Pictographs and symbols a page puts before a heading ("📦 How to Return an Item"). */
const LEADING_SYMBOLS = /^(?:(?:\p{Extended_Pictographic}|\p{So}|\uFE0F|\u200D)+\s*)+/u;
export const withoutLeadingSymbols = (line: string): string => line.replace(LEADING_SYMBOLS, "");

/** A step's number on a line of its own ("1", "2."), as pages lay out numbered steps: no words. */
export const isBareNumber = (line: string): boolean => /^\d{1,2}[.)]?$/.test(line.trim());

/**
 * A help page title is short and carries no sentence punctuation: "Lost packages",
 * "CONDITION OF RETURNS FOR USA ORDERS", even odd casing like "EXCHANGes".
 */
export function isTitleLike(raw: string): boolean {
  const line = withoutLeadingSymbols(raw);
  if (line.length > 80 || /[.:;,!?]$/.test(line)) return false;
  const words = line.split(" ");
  const letters = line.replace(/[^\p{L}]/gu, "");
  if (letters.length < 2) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  if (upper / letters.length >= 0.6) return true;
  return words.length <= 6 && /^\p{Lu}/u.test(line) && !/[.!?]\s/.test(line);
}
