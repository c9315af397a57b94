import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ingestDocument, isTitleLike, MAX_PASSAGE_CHARS } from "./ingest.ts";

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

describe("ingestDocument: plain text", () => {
  const doc = [
    "CONDITION OF RETURNS",
    "Items must be sent back within 30 days.",
    "Please include the below information when contacting the team:",
    "- Order Number",
    "- Photograph of the fault",
    "Lost packages",
    "We are not responsible for lost parcels.",
  ].join("\n");

  it("keeps a list whole with the sentence that introduces it", () => {
    const passages = ingestDocument("help.txt", doc);
    const list = passages.find((p) => p.text.startsWith("Please include"));
    expect(list?.text).toBe(
      "Please include the below information when contacting the team: - Order Number - Photograph of the fault",
    );
    expect(passages.some((p) => p.text === "- Order Number")).toBe(false);
  });

  it("attaches passages to ALL-CAPS and short title-like headings", () => {
    const passages = ingestDocument("help.txt", doc);
    expect(passages.map((p) => [p.heading, p.text.slice(0, 12)])).toEqual([
      ["CONDITION OF RETURNS", "Items must b"],
      ["CONDITION OF RETURNS", "Please inclu"],
      ["Lost packages", "We are not r"],
    ]);
    expect(passages.map((p) => p.position)).toEqual([0, 1, 2]);
    expect(passages.every((p) => p.document === "help.txt")).toBe(true);
  });

  it("reads lines underlined with '=' or '-' as a title and headings, and never a rule as text", () => {
    const page = [
      "Harbour Kites - Frequently Asked Questions",
      "==========================================",
      "Kites and boards from our shop by the sea.",
      "RETURNS",
      "-------",
      "Unused kites can come back within 28 days.",
      "-----------------------------------------",
      "Call us if unsure.",
    ].join("\n");
    const passages = ingestDocument("faq.txt", page);
    expect(passages.map((p) => [p.heading, p.text])).toEqual([
      ["Harbour Kites - Frequently Asked Questions", "Kites and boards from our shop by the sea."],
      ["RETURNS", "Unused kites can come back within 28 days."],
      ["RETURNS", "Call us if unsure."],
    ]);
  });

  it("tells titles from sentences", () => {
    expect(isTitleLike("EXCHANGes")).toBe(true);
    expect(isTitleLike("Lost packages")).toBe(true);
    expect(isTitleLike("Please read the following prior to returning your item/s.")).toBe(false);
    expect(isTitleLike("Please include the below information:")).toBe(false);
  });

  it("splits long paragraphs at sentence ends and never exceeds 600 characters", () => {
    const sentence = "Our warehouse inspects every returned parcel carefully before refunding it. ";
    const passages = ingestDocument("long.txt", sentence.repeat(20));
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(p.text.endsWith(".")).toBe(true);
    }
  });

  it("produces only verbatim, capped text for any input", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 900 }), { maxLength: 12 }), (lines) => {
        const content = lines.join("\n");
        const flat = collapse(content);
        for (const p of ingestDocument("any.txt", content)) {
          expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
          expect(p.text.length).toBeGreaterThan(0);
          // Each passage is a run of the document's own words (lines joined by a space).
          for (const word of p.text.split(" ")) expect(flat).toContain(word);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("ingestDocument: markdown", () => {
  it("uses # headings and keeps lists with their lead-in", () => {
    const md = [
      "# Returns",
      "",
      "You have **30 days** to return",
      "an item.",
      "",
      "## What to send",
      "",
      "When you write to us, add:",
      "",
      "- your order number",
      "- a photo of the label",
    ].join("\n");
    const passages = ingestDocument("returns.md", md);
    expect(passages).toEqual([
      {
        document: "returns.md",
        position: 0,
        heading: "Returns",
        text: "You have **30 days** to return an item.",
        title: "Returns",
        url: null,
      },
      {
        document: "returns.md",
        position: 1,
        heading: "What to send",
        text: "When you write to us, add: - your order number - a photo of the label",
        title: "Returns",
        url: null,
      },
    ]);
  });
});

describe("ingestDocument: markdown FAQ", () => {
  it("reads a bold question line as the heading of the answer under it, blank line or not", () => {
    const md = [
      "# Bike shop help",
      "",
      "**Can I return a bike I rode?**",
      "Bikes ridden outdoors can be returned within 14 days if undamaged.",
      "",
      "**Is the first service free?**",
      "",
      "Yes, the first tune-up within 90 days is free.",
      "",
      "**Plain bold text in a sentence** stays text.",
    ].join("\n");
    const passages = ingestDocument("bikes.md", md);
    expect(passages.map((p) => [p.heading, p.text])).toEqual([
      ["Can I return a bike I rode?", "Bikes ridden outdoors can be returned within 14 days if undamaged."],
      [
        "Is the first service free?",
        "Yes, the first tune-up within 90 days is free. **Plain bold text in a sentence** stays text.",
      ],
    ]);
  });
});

describe("ingestDocument: HTML", () => {
  it("parses with a real parser, drops script and style, keeps headings and list items", () => {
    const html = `<!doctype html><html><head><title>x</title><style>p{color:red}</style></head><body>
      <h2>Refunds &amp; credit</h2>
      <p>Refunds reach your card in <b>5&nbsp;days</b>.</p>
      <script>var secret = "do not index";</script>
      <p>Please send us:</p>
      <ul><li>Your order number</li><li>A photo</li></ul>
      <h3>Faults</h3><div>Report faults within 14 days.</div>
    </body></html>`;
    const passages = ingestDocument("page.html", html);
    expect(passages.map((p) => [p.heading, p.text])).toEqual([
      ["Refunds & credit", "Refunds reach your card in 5 days."],
      ["Refunds & credit", "Please send us: Your order number A photo"],
      ["Faults", "Report faults within 14 days."],
    ]);
    expect(passages.some((p) => p.text.includes("secret") || p.text.includes("color"))).toBe(false);
  });
});

describe("ingestDocument: Markdown with underlined headings and bold-led bullets", () => {
  const doc = [
    "Sunhaven Shop: help",
    "===================",
    "",
    "We sell garden furniture online.",
    "",
    "Delivery",
    "--------",
    "",
    "* **How long does delivery take?** Three to five working days.",
    "* **Fees:** £6 a parcel, free over £60.",
    "* **Something arrived broken.** Send us a photo within 7 days.",
    "* **Assembly service** is offered in London for £30.",
    "* a plain bullet with **bold** inside",
    "",
    "---",
    "",
    "Returns",
    "-------",
    "",
    "Send items back within 30 days.",
  ].join("\n");

  it("reads '====' and '----' under a line as the title and a section", () => {
    const passages = ingestDocument("help.md", doc);
    expect(passages[0]).toMatchObject({
      title: "Sunhaven Shop: help",
      text: "We sell garden furniture online.",
    });
    expect(passages.at(-1)).toMatchObject({ heading: "Returns", text: "Send items back within 30 days." });
    expect(passages.some((p) => /^-+$|={3}|Delivery -/.test(p.text))).toBe(false);
  });

  it("makes each bullet opening with a bold question or label an entry of its own", () => {
    const passages = ingestDocument("help.md", doc);
    expect(passages.map((p) => [p.heading, p.text])).toEqual([
      ["Sunhaven Shop: help", "We sell garden furniture online."],
      ["How long does delivery take?", "Three to five working days."],
      ["Fees", "£6 a parcel, free over £60."],
      ["Something arrived broken", "Send us a photo within 7 days."],
      [
        "Assembly service",
        "Assembly service is offered in London for £30. * a plain bullet with **bold** inside",
      ],
      ["Returns", "Send items back within 30 days."],
    ]);
  });
});
