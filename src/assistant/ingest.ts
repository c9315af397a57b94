// Turns a brand's help page (.txt, .md, .html) into Passages the assistant can cite verbatim.
// Shoppers are shown the cited text as-is, so passages never rewrite the document: we only
// collapse whitespace, drop markup syntax (heading markers, HTML tags) and cut at boundaries.
import { Parser } from "htmlparser2";
import type { Passage } from "./types.ts";

export const MAX_PASSAGE_CHARS = 600;

/** One line-level unit of a document before passages are formed. */
export type Block =
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "para"; readonly text: string }
  | { readonly kind: "item"; readonly text: string };

export function ingestDocument(name: string, content: string): Passage[] {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  const blocks =
    ext === "html" || ext === "htm"
      ? htmlBlocks(content)
      : ext === "md" || ext === "markdown"
        ? markdownBlocks(content)
        : textBlocks(content);
  return toPassages(name, blocks);
}

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

const LIST_ITEM = /^\s*(?:[-*•+]|\d{1,2}[.)])\s+\S/;

/** Plain text: one paragraph per line; headings are ALL-CAPS or short title-like lines. */
export function textBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of content.split(/\r?\n/)) {
    const line = collapse(raw);
    if (line === "") continue;
    if (LIST_ITEM.test(line)) blocks.push({ kind: "item", text: line });
    else if (isTitleLike(line)) blocks.push({ kind: "heading", text: line });
    else blocks.push({ kind: "para", text: line });
  }
  return blocks;
}

/**
 * A help page title is short and carries no sentence punctuation: "Lost packages",
 * "CONDITION OF RETURNS FOR USA ORDERS", even odd casing like "EXCHANGes".
 */
export function isTitleLike(line: string): boolean {
  if (line.length > 80 || /[.:;,!?]$/.test(line)) return false;
  const words = line.split(" ");
  const letters = line.replace(/[^\p{L}]/gu, "");
  if (letters.length < 2) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  if (upper / letters.length >= 0.6) return true;
  return words.length <= 6 && /^\p{Lu}/u.test(line) && !/[.!?]\s/.test(line);
}

export function markdownBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) blocks.push({ kind: "para", text: collapse(para.join(" ")) });
    para = [];
  };
  let inFence = false;
  for (const raw of content.split(/\r?\n/)) {
    if (/^\s*```/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
    if (!inFence && heading) {
      flush();
      const text = collapse(heading[1] ?? "");
      if (text) blocks.push({ kind: "heading", text });
    } else if (raw.trim() === "") {
      flush();
    } else if (LIST_ITEM.test(raw)) {
      flush();
      blocks.push({ kind: "item", text: collapse(raw) });
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

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "aside",
  "blockquote",
  "br",
  "tr",
  "td",
  "th",
  "dt",
  "dd",
  "ul",
  "ol",
  "table",
  "hr",
  "summary",
  "details",
  "figcaption",
]);
const SKIP_TAGS = new Set(["script", "style", "noscript", "template", "head", "svg"]);

/** HTML through a real parser: h1-h6 become headings, li become list items, other blocks paragraphs. */
export function htmlBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  let buffer = "";
  let kind: Block["kind"] = "para";
  let skipDepth = 0;
  let liDepth = 0;
  const flush = (): void => {
    const text = collapse(buffer);
    if (text) blocks.push({ kind, text });
    buffer = "";
    kind = liDepth > 0 ? "item" : "para";
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP_TAGS.has(name)) skipDepth++;
        if (/^h[1-6]$/.test(name)) {
          flush();
          kind = "heading";
        } else if (name === "li") {
          flush();
          liDepth++;
          kind = "item";
        } else if (BLOCK_TAGS.has(name)) flush();
      },
      ontext(text) {
        if (skipDepth === 0) buffer += text;
      },
      onclosetag(name) {
        if (SKIP_TAGS.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (/^h[1-6]$/.test(name) || BLOCK_TAGS.has(name)) flush();
        else if (name === "li") {
          flush();
          liDepth = Math.max(0, liDepth - 1);
          kind = liDepth > 0 ? "item" : "para";
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(content);
  parser.end();
  flush();
  return blocks;
}

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
 * "Please include the below information:" is meaningless to a shopper without its items.
 */
export function toPassages(document: string, blocks: readonly Block[]): Passage[] {
  const passages: Passage[] = [];
  let heading: string | null = null;
  const push = (text: string): void => {
    for (const part of splitLong(text)) {
      passages.push({ document, position: passages.length, heading, text: part });
    }
  };
  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i];
    if (!block) break;
    if (block.kind === "heading") {
      heading = block.text;
      i++;
      continue;
    }
    let group = block.text;
    let j = i + 1;
    const introducesList = block.kind === "para" && blocks[j]?.kind === "item";
    if (introducesList || block.kind === "item") {
      // Fill the passage with following items while it stays citable in one piece.
      for (let next = blocks[j]; next?.kind === "item"; next = blocks[j]) {
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
