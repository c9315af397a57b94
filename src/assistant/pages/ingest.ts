// Turns a brand's help pages (.txt, .md, .html, or a help centre's articles export as .json) into
// Passages the assistant can cite verbatim. Shoppers are shown the cited text as-is, so passages
// never rewrite the document: we only collapse whitespace, drop markup syntax (heading markers, HTML
// tags, a heading's closing colon) and cut at boundaries; a table row is read as one line with its
// columns' headers before its cells. Structure comes from the markup where
// there is markup, and from the shape of a line where there is none (see `lineShape`).

import type { Passage } from "../types.ts";
import { exportArticles, htmlBlocks } from "./help-pages.ts";
import {
  ANSWER_LABEL,
  type Block,
  collapse,
  headingText,
  isBareNumber,
  LIST_ITEM,
  lineShape,
  tableRowText,
  textBlocks,
} from "./page-structure.ts";

export { htmlBlocks } from "./help-pages.ts";
export { type Block, isTitleLike, lineShape, textBlocks } from "./page-structure.ts";

export const MAX_PASSAGE_CHARS = 600;

export function ingestDocument(name: string, content: string): Passage[] {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  const blocks =
    ext === "json"
      ? exportArticles(content).flatMap((a): Block[] => [
          { kind: "title", text: a.title, url: a.url },
          ...htmlBlocks(a.body, { whole: true }),
        ])
      : ext === "html" || ext === "htm"
        ? htmlBlocks(content)
        : ext === "md" || ext === "markdown"
          ? markdownBlocks(content)
          : textBlocks(content);
  return toPassages(name, blocks);
}

/**
 * Markdown: `#` starts an article (its title) when the page has one such line per article, deeper
 * `#`s are sections, and a bold line shaped like a heading ("**Fees:**", "**Can I return it?**") is a
 * section heading too, whether or not its answer follows on the next line.
 */
export function markdownBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const boldHeading = (line: string): string | undefined => {
    const bold = /^(?:\*\*|__)(.+?)(?:\*\*|__)$/.exec(collapse(line));
    return bold?.[1] && lineShape(collapse(bold[1])) !== "text" ? headingText(bold[1]) : undefined;
  };
  const flush = (): void => {
    if (para.length === 0) return;
    // A bold first line that reads as a heading ("**Can I return a worn item?**", "**Fees:**") heads
    // the lines under it, as FAQ pages write a question and its answer without a blank line between.
    const heading = boldHeading(para.length === 1 ? para.join(" ") : (para[0] ?? ""));
    if (heading) {
      blocks.push({ kind: "heading", text: heading });
      para = para.slice(1);
    }
    if (para.length > 0) blocks.push({ kind: "para", text: collapse(para.join(" ")) });
    para = [];
  };
  let inFence = false;
  const lines = content.split(/\r?\n/);
  let headers: string[] | undefined;
  for (const [i, raw] of lines.entries()) {
    if (/^\s*```/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (!inFence && TABLE_ROW.test(raw)) {
      // A table: the row above the |---| line names the columns; each other row is one line.
      flush();
      if (TABLE_RULE.test(raw)) continue;
      const cells = tableCells(raw);
      if (TABLE_RULE.test(lines[i + 1] ?? "")) headers = cells;
      else {
        const text = tableRowText(cells, headers);
        if (text) blocks.push({ kind: "para", text });
      }
      continue;
    }
    headers = undefined;
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    const underline = inFence ? null : SETEXT_RULE.exec(raw);
    if (underline && para.length === 1) {
      // An underlined line is a heading: "====" under the page's title, "----" under a section.
      const text = headingText((para[0] ?? "").replace(/^(?:\*\*|__)(.+)(?:\*\*|__)$/, "$1"));
      para = [];
      if (text) blocks.push({ kind: underline[1]?.startsWith("=") ? "title" : "heading", text });
    } else if (underline && para.length === 0 && underline[1]?.startsWith("-")) {
      // A rule between parts of the page ("---" after a blank line) is no text.
      flush();
    } else if (!inFence && heading) {
      flush();
      const text = headingText(heading[2] ?? "");
      if (text) blocks.push({ kind: heading[1] === "#" ? "title" : "heading", text });
    } else if (raw.trim() === "") {
      flush();
    } else if (LIST_ITEM.test(raw)) {
      flush();
      const led = boldLed(raw);
      if (led) blocks.push({ kind: "heading", text: led.heading }, { kind: "para", text: led.text });
      else blocks.push({ kind: "item", text: collapse(raw) });
    } else if (/^\s{2,}\S/.test(raw) && blocks.at(-1)?.kind === "item" && para.length === 0) {
      // An indented continuation line belongs to the list item above it.
      const last = blocks.pop();
      if (last) blocks.push({ kind: "item", text: collapse(`${last.text} ${raw}`) });
    } else {
      para.push(raw);
    }
  }
  flush();
  return blocks;
}

/** A line of "=" or "-" under a heading's text (Markdown's underlined, "setext", headings). */
const SETEXT_RULE = /^\s{0,3}(=+|-{2,})\s*$/;

/**
 * A bulleted line that opens with a bold question or label and answers it on the same line, as FAQ
 * pages write them ("* **Do you ship abroad?** We deliver to the UK only.", "- **Fees:** £5 a
 * parcel.", "* **Something is broken.** Take a photo…"): the bold part heads the rest, so each
 * entry is a passage of its own rather than a run of bullets cut at 600 characters. A short bold
 * name opening the sentence ("* **Private prescriptions** are priced per item…") heads its entry
 * too, and the sentence stays whole.
 */
export function boldLed(raw: string): { heading: string; text: string } | undefined {
  const m = /^\s*(?:[-*•+]|\d{1,2}[.)])\s+(?:\*\*|__)(.+?)(?:\*\*|__)\s*(.*)$/.exec(raw);
  const bold = collapse(m?.[1] ?? "");
  const rest = collapse(m?.[2] ?? "");
  if (!m || rest === "" || bold.split(" ").length > 16) return undefined;
  if (!/[?:.]$/.test(bold))
    return bold.split(" ").length <= 6 && /^\p{Lu}/u.test(bold)
      ? { heading: headingText(bold), text: `${bold} ${rest}` }
      : undefined;
  if (bold.endsWith(".") && /[.!?]\s/.test(bold)) return undefined;
  return { heading: headingText(bold.replace(/\.$/, "")), text: rest };
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?\|?\s*$/;
/** The cells of a Markdown table row: `| a | b |` → ["a", "b"]. */
const tableCells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => collapse(c.replace(/\*\*|__/g, "")));

/** Splits text longer than the cap at sentence ends (falling back to word ends). */
export function splitLong(text: string, max = MAX_PASSAGE_CHARS): string[] {
  if (text.length <= max) return [text];
  const sentences = text.match(/[^.!?]+(?:[.!?]+["'”’)]*|$)\s*/g) ?? [text];
  const out: string[] = [];
  let current = "";
  for (const raw of sentences) {
    const sentence = raw.trim();
    if (!sentence) continue;
    const joined = current ? `${current} ${sentence}` : sentence;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    current = sentence;
    while (current.length > max) {
      const cut = current.lastIndexOf(" ", max);
      const at = cut > max / 2 ? cut : max;
      out.push(current.slice(0, at).trim());
      current = current.slice(at).trim();
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * Groups blocks into passages. A list stays with the sentence that introduces it, because
 * "Please include the below information:" is meaningless to a shopper without its items. Under a
 * question heading (an FAQ entry) the answer's paragraphs make one passage while it stays citable.
 * Each passage keeps its section heading, and the title and address of the article it is in.
 */
export function toPassages(document: string, blocks: readonly Block[]): Passage[] {
  const passages: Passage[] = [];
  let heading: string | null = null;
  let title: string | null = null;
  let url: string | null = null;
  const push = (text: string): void => {
    for (const part of splitLong(text)) {
      passages.push({
        document,
        position: passages.length,
        heading: heading ?? title,
        text: part,
        title,
        url,
      });
    }
  };
  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i];
    if (!block) break;
    if (block.kind === "title") {
      title = block.text;
      url = block.url ?? null;
      heading = null;
      i++;
      continue;
    }
    if (block.kind === "heading") {
      heading = block.text;
      i++;
      continue;
    }
    if (block.kind === "para" && isBareNumber(block.text)) {
      i++;
      continue;
    }
    // Under a question, an answer's "A:" label is the page's markup, not its words.
    let group =
      heading?.endsWith("?") === true ? block.text.replace(ANSWER_LABEL, "") || block.text : block.text;
    let j = i + 1;
    const introducesList = block.kind === "para" && blocks[j]?.kind === "item";
    const answersQuestion = heading?.endsWith("?") === true;
    if (introducesList || block.kind === "item" || answersQuestion) {
      // Fill the passage with following items (or the rest of the answer) while it stays citable.
      for (
        let next = blocks[j];
        next?.kind === "item" || (answersQuestion && next?.kind === "para");
        next = blocks[j]
      ) {
        const joined = `${group} ${next.text}`;
        if (joined.length > MAX_PASSAGE_CHARS) break;
        group = joined;
        j++;
      }
    }
    push(group);
    i = j;
  }
  return passages;
}
