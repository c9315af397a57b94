import { describe, expect, it } from "vitest";
import { createAssistant, splitQuestion } from "./assistant.ts";
import { createBrandAssistant, withOwnBest } from "./brand-assistant.ts";
import { ingestDocument } from "./pages/ingest.ts";
import { buildIndex } from "./retrieval.ts";
import { wordNet } from "./wordnet.ts";

const DESK = ingestDocument(
  "desk-help.json",
  JSON.stringify({
    articles: [
      {
        title: "Returning a standing desk",
        html_url: "https://help.desk.example/articles/1-returns",
        body: "<h3>Return window:</h3><p>Desks can be returned within 45 days of delivery.</p><h3>Collection fee:</h3><p>We collect returned desks for a fee of $60.</p><h3>Delivery charges:</h3><p>The original delivery charge is not refunded.</p>",
      },
      {
        title: "Delivery of your desk",
        html_url: "https://help.desk.example/articles/2-delivery",
        body: "<h3>Delivery time:</h3><p>Desks arrive within 5 to 8 working days.</p><h3>If you are out:</h3><p>If nobody is home, the driver leaves a card and we rebook the delivery for a $25 fee.</p>",
      },
    ],
  }),
);

describe("splitQuestion", () => {
  it("splits two questions in one and leaves one question whole", () => {
    expect(splitQuestion("whats the return window and is the collection free")).toEqual([
      "whats the return window",
      "is the collection free",
    ]);
    expect(splitQuestion("how long does delivery take? can i pick a day")).toEqual([
      "how long does delivery take",
      "can i pick a day",
    ]);
    expect(splitQuestion("can i return a desk and a chair")).toEqual(["can i return a desk and a chair"]);
    expect(splitQuestion("can i try a chair first and also can i collect it")).toEqual([
      "can i try a chair first",
      "can i collect it",
    ]);
  });
});

describe("the store-independent assistant", () => {
  const assistant = createAssistant(DESK, { wordNet: false });

  it("answers from the passage that states what is asked, quoting it with its article and address", () => {
    const answer = assistant.ask("how much do you charge to collect a desk?");
    expect(answer.handoff).toBe(false);
    expect(answer.citations[0]).toMatchObject({
      text: "We collect returned desks for a fee of $60.",
      title: "Returning a standing desk",
      url: "https://help.desk.example/articles/1-returns",
    });
    expect(answer.answer).toContain('"We collect returned desks for a fee of $60."');
    expect(answer.answer).toContain("https://help.desk.example/articles/1-returns");
  });

  it("cites the one line that answers rather than a neighbouring section", () => {
    const answer = assistant.ask("is the delivery charge refunded if i send it back?");
    expect(answer.citations[0]?.text).toBe("The original delivery charge is not refunded.");
  });

  it("prefers the passage whose heading is about what is asked, not more", () => {
    const faq = createAssistant(
      ingestDocument(
        "faq.md",
        [
          "# Help",
          "## Shipping to other countries",
          "Shipping costs $15 per order.",
          "## Shipping",
          "Shipping costs $5 per order.",
        ].join("\n\n"),
      ),
      { wordNet: false, wordVectors: false },
    );
    expect(faq.ask("how much is shipping")?.citations[0]?.text).toBe("Shipping costs $5 per order.");
  });

  it("answers through a typo", () => {
    const answer = assistant.ask("nobody home when the delivry comes, what then");
    expect(answer.handoff).toBe(false);
    expect(answer.citations[0]?.text).toContain("If nobody is home");
  });

  it("answers the answerable half of a two-in-one question and passes the rest on", () => {
    const answer = assistant.ask("how long do i have to return it and can i pay with klarna");
    expect(answer.handoff).toBe(false);
    expect(answer.citations[0]?.text).toBe("Desks can be returned within 45 days of delivery.");
    expect(answer.unanswered).toEqual(["can i pay with klarna"]);
    expect(answer.answer).toContain("I can pass it to a member of the team");
  });

  it("hands off questions on topics the pages never cover", () => {
    for (const q of [
      "can i pay with klarna",
      "do you sell office chairs made of leather",
      "are you hiring",
    ]) {
      const answer = assistant.ask(q);
      expect(answer.handoff, q).toBe(true);
      expect(answer.citations, q).toEqual([]);
    }
  });

  it("cites each part of a two-in-one question in the order asked", () => {
    const brand = createBrandAssistant(DESK, { wordNet: false });
    const answer = brand.ask("how long do desks take to arrive and whats the return window");
    expect(answer.handoff).toBe(false);
    expect(answer.citations.map((c) => c.text).slice(0, 2)).toEqual([
      "Desks arrive within 5 to 8 working days.",
      "Desks can be returned within 45 days of delivery.",
    ]);
  });

  it("quotes the store-independent engine's best passage second when the vocabulary engine's lack it", () => {
    const c = (text: string) => ({ document: "help.md", text });
    expect(withOwnBest([c("a"), c("b"), c("c")], c("d")).map((x) => x.text)).toEqual(["a", "d", "b"]);
    expect(withOwnBest([c("a b"), c("c")], c("b")).map((x) => x.text)).toEqual(["a b", "c"]);
    expect(withOwnBest([c("a")], undefined).map((x) => x.text)).toEqual(["a"]);
  });

  it("points to the portal's order page for a shopper who wants to act", () => {
    const brand = createBrandAssistant(DESK, {
      brandSlug: "deskco",
      portalBaseUrl: "https://care.desk.example",
    });
    const answer = brand.ask("where is my order");
    expect(answer.intent).toBe("track_order");
    expect(answer.action).toEqual({ flow: "track", url: "https://care.desk.example/b/deskco?next=track" });
  });
});

describe("the handoff on what a shopper asks the store to have or do", () => {
  const SHOP = ingestDocument(
    "shop-help.md",
    [
      "# Paying in instalments",
      "",
      "Pay in four instalments over eight weeks with our layaway plan. A deposit of 20% starts it.",
      "",
      "# Where we ship",
      "",
      "We ship to the United States and Canada. Orders arrive in 3 to 6 business days.",
      "",
      "# Packaging",
      "",
      "Every order is packed in a recyclable cardboard box with paper filling.",
      "",
      "# Express delivery",
      "",
      "Order by 1 pm for next-day delivery. Express delivery costs $15.",
    ].join("\n"),
  );
  const assistant = createAssistant(SHOP);

  it("hands off when no passage names the thing asked about, though one shares its other words", () => {
    for (const q of [
      "can i pay with klarna",
      "do you ship to po boxes",
      "do you recycle old furniture",
      "can i place an order by phone",
    ]) {
      expect(assistant.ask(q).handoff, q).toBe(true);
    }
  });

  it("answers when a passage names it", () => {
    expect(assistant.ask("do you ship to canada").citations[0]?.text).toContain("Canada");
    // "abroad" says where, and the pages answer it in their own terms.
    expect(assistant.ask("do you ship abroad").citations[0]?.text).toContain("Canada");
    expect(assistant.ask("can i pay in instalments").citations[0]?.text).toContain("instalments");
  });

  it("reads a place the pages never name as the larger place they do name", () => {
    const EU = createAssistant(
      ingestDocument(
        "eu.md",
        "# Where we ship\n\nWe ship to every country of the EU in 4 to 7 days.\n\n# Packaging\n\nEvery order is packed in a recyclable box.",
      ),
    );
    expect(EU.ask("do you ship to france").citations[0]?.text).toContain("EU");
    // A place in no region the pages name stays a topic of its own.
    expect(EU.ask("do you ship to mexico").handoff).toBe(true);
  });

  it("reads days and times of day as when, not as a topic the pages lack", () => {
    const [part] = assistant.explain("if i order at noon on friday will it come next day").parts;
    expect(part?.unknownShare).toBe(0);
    expect(part?.answerable).toBe(true);
  });
});

describe("how strongly a shopper says it", () => {
  it("answers a question whose intensifier the pages never use", () => {
    const passages = ingestDocument(
      "parcels.md",
      "# Parcels\n\n## Late parcels\n\nIf your order is more than 3 business days late, write to us and we send a replacement.\n\n## Delivery fees\n\nDelivery costs $5 on orders under $40.\n",
    );
    const assistant = createAssistant(passages, { brandSlug: "parcels" });
    for (const q of ["order is super late, what now", "my order is seriously late ugh"]) {
      const a = assistant.ask(q);
      expect(a.handoff, q).toBe(false);
      expect(a.citations[0]?.text, q).toContain("3 business days late");
    }
  });
});

describe("words run together", () => {
  it("reads a word the pages lack as two of theirs run together, but never splits a real word", () => {
    const passages = ingestDocument(
      "lists.md",
      "# Lists\n\n## Wish lists\n\nCreate a wish list in your account and share its link with family.\n\n## Passes\n\nA day pass covers entry at any port of call.\n",
    );
    const assistant = createAssistant(passages, { brandSlug: "lists" });
    const a = assistant.ask("how do wishlists work");
    expect(a.handoff).toBe(false);
    expect(a.citations[0]?.text).toContain("Create a wish list");
    expect(assistant.explain("is my passport ok").parts[0]?.terms.map((t) => t.word)).toContain("passport");
  });
});

describe("shortened names", () => {
  it("reads a word the pages lack as the start of two of their words standing together", () => {
    const passages = ingestDocument(
      "cards.md",
      "# Paying\n\n## Cards\n\nWe take Visa, Mastercard and American Express.\n\n## Gift cards\n\nGift cards are valid for two years.\n",
    );
    const assistant = createAssistant(passages, { brandSlug: "cards" });
    const a = assistant.ask("do u take amex");
    expect(a.handoff).toBe(false);
    expect(a.citations[0]?.text).toContain("American Express");
    expect(assistant.ask("do you take klarna").handoff).toBe(true);
  });
});

describe("a thing asked about by name, a passage naming its kind", () => {
  it("reads a passage on instruments as naming the guitar asked about", () => {
    const passages = ingestDocument(
      "workshop.md",
      "# Workshop\n\n## Repairs\n\nOur workshop repairs any stringed instrument, wherever you bought it.\n\n## Lessons\n\nGuitar and piano lessons for beginners run on Saturdays.\n",
    );
    const assistant = createAssistant(passages, { brandSlug: "workshop" });
    const a = assistant.ask("do you repair guitars");
    expect(a.handoff).toBe(false);
    expect(a.citations[0]?.text).toContain("repairs any stringed instrument");
  });
});

describe("a name English does not know", () => {
  it("is vouched for by a word of the pages close to it in meaning", () => {
    const passages = ingestDocument(
      "chargers.md",
      "# Chargers\n\n## Which devices\n\nOur chargers work with any phone or tablet that charges over USB-C.\n\n## Returns\n\nReturn a charger within 60 days.\n",
    );
    const assistant = createAssistant(passages, { brandSlug: "chargers" });
    const read = assistant.explain("ipad?").parts[0];
    expect(read?.terms.find((q) => q.word === "ipad")?.known).toBe(false);
    expect(read?.unknownShare).toBe(0);
    expect(assistant.explain("zqxv?").parts[0]?.unknownShare).toBe(1);
  });
});

describe("the price of a thing", () => {
  it("is answered only by a passage naming the thing", () => {
    const passages = ingestDocument(
      "prices.md",
      "# Delivery\n\n## Costs\n\nDelivery costs £4.99 and is free on orders over £50. Same-day delivery costs £7.99.\n\n## Care\n\nPut the bouquet in a clean vase with cool water.\n\n## Returns\n\nFlowers cannot be returned.\n",
    );
    const assistant = createAssistant(passages, { brandSlug: "prices" });
    expect(assistant.ask("how much does a vase cost on its own").handoff).toBe(true);
    expect(assistant.ask("how much is delivery").citations[0]?.text).toContain("£4.99");
  });
});

describe("how to do something", () => {
  it("is answered by a passage naming what is to be done", () => {
    const passages = ingestDocument(
      "kettles.md",
      "# Kettles\n\n## Cleaning\n\nClean your kettle with a soft damp cloth; never put it in the dishwasher.\n\n## Delivery\n\nKettles and coffee machines are sent by courier for £4.\n",
    );
    const assistant = createAssistant(passages, { brandSlug: "kettles" });
    expect(assistant.ask("how do i descale my coffee machine").handoff).toBe(true);
    expect(assistant.ask("how do i clean my new kettle").citations[0]?.text).toContain("soft damp cloth");
  });
});

describe("times of day", () => {
  it("reads 'night' as saying when, not what about", () => {
    const passages = ingestDocument(
      "times.md",
      "# Delivery\n\n## Delivery days\n\nOrders placed on Saturday or Sunday are delivered on Wednesday.\n\n## Fees\n\nDelivery costs $4 on orders under $30.\n\n## Returns\n\nReturn unused items within 30 days for a refund.\n\n## Cancelling\n\nYou can cancel an order within one hour of placing it.\n",
    );
    const assistant = createAssistant(passages, { brandSlug: "times" });
    for (const q of [
      "ordered saturday night when will it come",
      "ordered sunday night when will it get here",
    ]) {
      const a = assistant.ask(q);
      expect(a.handoff, q).toBe(false);
      expect(a.citations[0]?.text, q).toContain("delivered on Wednesday");
    }
  });
});

describe("words written with a hyphen", () => {
  it("are known to the pages when a shopper types them as one word", () => {
    const pages = ingestDocument(
      "bikes.md",
      "# E-bikes\n\nMost of our e-bikes cover 60 to 100 km on one charge.\n\n# Care\n\nNever use WD-40 on the chain.\n",
    );
    const index = buildIndex(pages, false);
    expect(index.terms("ebike wd40").map((t) => [t.word, t.known])).toEqual([
      ["ebike", true],
      ["wd40", true],
    ]);
  });
});

describe("a word the pages use, put another way where the answer is", () => {
  it("finds the answer by the word's WordNet relatives, more weakly than for a word the pages lack", () => {
    const pages = ingestDocument(
      "help.md",
      "# Contact\n\nCall the shop on 0113 496 0777.\n\n# Orders\n\nWe may phone you to check an order.\n",
    );
    const [phone] = buildIndex(pages, wordNet()).terms("phone");
    expect(phone?.known).toBe(true);
    const call = phone?.relatives.get("call") ?? 0;
    expect(call).toBeGreaterThan(0);
    expect(call).toBeLessThan(0.5);
  });
});

describe("a word the pages lack, which WordNet's definitions tie to theirs", () => {
  it("is related to the words defining it and to the pages' words it helps define", () => {
    const pages = ingestDocument(
      "help.md",
      "# Costs\n\nThere is a small charge for each parcel.\n\n# Delivery\n\nDelivery takes 3 days.\n",
    );
    const index = buildIndex(pages, wordNet());
    // "postage": "the charge for mailing something".
    expect(index.relatives("postage").get("charg") ?? 0).toBeGreaterThan(0);
    // "delivery": "the act of delivering or distributing something (as goods or mail)".
    expect(index.relatives("mail").get("deliveri") ?? 0).toBeGreaterThan(0);
  });
});

describe("citations", () => {
  it("carry each cited passage's score as a share of the best one's", () => {
    const answer = createAssistant(DESK, { wordNet: false }).ask("how much is the fee if nobody is home?");
    expect(answer.closeness).toHaveLength(answer.citations.length);
    expect(answer.closeness[0]).toBe(1);
    for (const share of answer.closeness.slice(1)) {
      expect(share).toBeLessThanOrEqual(1);
      expect(share).toBeGreaterThanOrEqual(0.6);
    }
  });
});

describe("a question's opening", () => {
  it("favours the FAQ heading that opens the same way", () => {
    const faq = createAssistant(
      ingestDocument(
        "help.md",
        "# Refunds\n\n## When is my refund paid?\n\nRefunds are paid to your card.\n\n## Why is my refund paid?\n\nRefunds are paid to your card!\n",
      ),
      { wordNet: false, wordVectors: false },
    );
    expect(faq.ask("when is my refund paid").citations[0]?.text).toBe("Refunds are paid to your card.");
    expect(faq.ask("why is my refund paid").citations[0]?.text).toBe("Refunds are paid to your card!");
  });
});
