import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAssistant } from "./engine.ts";
import { ingestDocument } from "./pages/ingest.ts";
import {
  baseForms,
  broaderKinds,
  buildExpansion,
  containingPlaces,
  definingWords,
  isEnglishWord,
  isName,
  openWordNet,
  RELATION_STRENGTH,
  relatedWords,
} from "./wordnet.ts";

// The real WordNet files, opened once for this file; only the lines the tests need are parsed.
const wn = openWordNet();
const strengthOf = (word: string, related: string): number =>
  relatedWords(word, wn).find((r) => r.word === related)?.strength ?? 0;

describe("wordnet: the database files", () => {
  it("reads a word's definition in its most common sense, without the examples", () => {
    expect(definingWords("postage", wn)).toEqual(expect.arrayContaining(["charge", "mailing"]));
    expect(definingWords("postage", wn)).not.toContain("postage");
    const first = wn.synset("n", wn.senses("postage", "n")?.offsets[0] ?? -1);
    expect(first?.gloss?.join(" ")).toBe("the charge for mailing something");
  });

  it("finds a lemma by binary search and parses its synsets from their byte offsets", () => {
    const sweater = wn.senses("sweater", "n");
    expect(sweater?.offsets.length).toBeGreaterThan(0);
    const first = wn.synset("n", sweater?.offsets[0] ?? -1);
    expect(first?.words).toEqual(expect.arrayContaining(["sweater", "jumper"]));
    expect(first?.pointers.some((p) => p.symbol === "@")).toBe(true);
    expect(wn.senses("zzzz not a word", "n")).toBeUndefined();
    expect(wn.synset("n", 12)).toBeUndefined();
  });

  it("reads a data line longer than one read, and the last line of a file without a newline", () => {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-wordnet-"));
    try {
      // Two synsets in the database's line format; the first has 300 pointers (~7 KB), the second
      // ends the file with no newline. Offsets are the lines' byte positions.
      const pointers = Array.from({ length: 300 }, () => "@ 00000000 n 0000").join(" ");
      const first = `00000000 06 n 01 parcel 0 300 ${pointers} | a wrapped package`;
      const second = `${String(first.length + 1).padStart(8, "0")} 06 n 02 box 0 case 0 000 | a container`;
      writeFileSync(join(dir, "data.noun"), `${first}\n${second}`);
      writeFileSync(join(dir, "index.noun"), "");
      const tiny = openWordNet(dir);
      const big = tiny.synset("n", 0);
      expect(big?.words).toEqual(["parcel"]);
      expect(big?.pointers).toHaveLength(300);
      expect(tiny.synset("n", first.length + 1)?.words).toEqual(["box", "case"]);
      expect(tiny.synset("n", first.length + 5)).toBeUndefined();
      expect(tiny.synset("n", 10_000_000)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads inflections back to the lemmas the index holds", () => {
    expect(baseForms("jumpers", "n")).toContain("jumper");
    expect(baseForms("boxes", "n")).toContain("box");
    expect(baseForms("shipped", "v")).toContain("ship");
    expect(baseForms("damaged", "v")).toContain("damage");
  });
});

describe("wordnet: related words", () => {
  it("relates synonyms, derived forms, and kinds above and below a noun, each with its strength", () => {
    expect(strengthOf("jumpers", "sweater")).toBeGreaterThan(0);
    expect(strengthOf("deliver", "delivery")).toBeCloseTo(RELATION_STRENGTH.derived);
    expect(strengthOf("swimsuit", "bikini")).toBeCloseTo(RELATION_STRENGTH.narrower);
    expect(strengthOf("swimsuit", "garment")).toBeCloseTo(RELATION_STRENGTH.broader);
    expect(strengthOf("swimsuit", "bikini")).toBeGreaterThan(strengthOf("swimsuit", "garment"));
  });

  it("maps the words a question may use onto the words a brand's pages use", () => {
    const expansion = buildExpansion(["jumpers", "soy", "12"], (word) => word, wn);
    expect(expansion.get("sweater")?.get("jumpers")).toBeGreaterThan(0);
    expect(expansion.get("soya")?.get("soy")).toBeGreaterThan(0);
    // Numbers carry no meaning WordNet could add.
    expect([...expansion.values()].some((targets) => targets.has("12"))).toBe(false);
  });
});

// A made-up candle and knitwear shop, written for these tests.
const HEARTH = ingestDocument(
  "hearth-help.md",
  [
    "# Allergens",
    "Our candle wax contains no nuts, but it may carry traces of soy.",
    "# Scents",
    "Our candle wax may carry traces of natural fragrance oils.",
    "# Knitwear",
    "Jumpers shrink in a hot wash, so hand wash them cold and dry them flat.",
    "# Delivery",
    "Orders are delivered by courier within 3 working days.",
    "# Faults",
    "If an order arrives with damage, report it within 14 days and we will send a replacement.",
  ].join("\n\n"),
);

describe("createAssistant with WordNet", () => {
  const hearth = createAssistant(HEARTH, { brandSlug: "hearth", wordNet: wn });
  const plain = createAssistant(HEARTH, { brandSlug: "hearth", wordNet: false });

  it("finds the passage that uses a relative of a word the pages never use", () => {
    const question = "Could the candle wax carry traces of soya?";
    expect(hearth.ask(question).citations[0]?.text).toContain("traces of soy");
    // Without the layer the shared words alone pick the other candle passage.
    expect(plain.ask(question).citations[0]?.text).not.toContain("traces of soy");
  });

  it.each([
    ["Will my sweater shrink?", "Jumpers shrink"],
    ["My order arrived damaged", "report it within 14 days"],
  ])("%s", (question, phrase) => {
    const answer = hearth.ask(question);
    expect(answer.handoff).toBe(false);
    expect(answer.citations[0]?.text).toContain(phrase);
  });

  it("does not take a relative for the topic itself: a question only about it goes to a person", () => {
    expect(hearth.ask("Tell me about soybeans").handoff).toBe(true);
  });
});

describe("wordnet: names", () => {
  it("tells a name (unknown to English, or a named place) from a word for a kind of thing", () => {
    for (const w of ["klarna", "leeds", "mexico"]) expect(isName(w, wn), w).toBe(true);
    for (const w of ["cash", "couch", "insurance", "shipping", "boxes"]) expect(isName(w, wn), w).toBe(false);
  });
});

describe("wordnet: English words", () => {
  it("knows real words in any inflection, and not slips that morphy's rules would let through", () => {
    for (const w of ["lather", "shipping", "boxes", "opened", "cheaper", "warranty"])
      expect(isEnglishWord(w, wn), w).toBe(true);
    for (const w of ["shiping", "shiped", "recieved", "warrenty", "adress", "klarna"])
      expect(isEnglishWord(w, wn), w).toBe(false);
  });
});

describe("wordnet: the kinds a thing is", () => {
  it("names a thing's kinds a step or two up, but not the most general ones", () => {
    expect(broaderKinds("guitars", wn)).toContain("instrument");
    expect(broaderKinds("sofa", wn)).toContain("furniture");
    expect(broaderKinds("bag", wn)).not.toContain("artifact");
  });
});

describe("wordnet: the places a named place lies in", () => {
  it("follows part and member holonyms up from a city, a state or a country", () => {
    expect(containingPlaces("alaska", wn)).toContain("america");
    expect(containingPlaces("france", wn)).toEqual(expect.arrayContaining(["europe", "eu"]));
    expect(containingPlaces("leeds", wn)).toContain("england");
  });

  it("gives nothing for a word that is not a name", () => {
    expect(containingPlaces("sofa", wn)).toEqual([]);
    expect(containingPlaces("delivery", wn)).toEqual([]);
  });
});
