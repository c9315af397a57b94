import { describe, expect, it } from "vitest";
import { exportArticles } from "./help-pages.ts";
import { ingestDocument } from "./ingest.ts";
import { lineShape } from "./page-structure.ts";

const view = (name: string, content: string) =>
  ingestDocument(name, content).map((p) => [p.title ?? null, p.heading, p.text]);

describe("help pages as stores publish them", () => {
  it("reads a saved help-centre page: drops the site's chrome, keeps article titles and colon headings", () => {
    const html = `<!doctype html><html><head><title>Help</title>
      <link rel="canonical" href="https://help.birch.example/articles/7-returns"></head><body>
      <div class="cookie-banner">We use cookies. <button>Accept all</button></div>
      <header class="site-header"><nav><a href="/">Birch Help Centre</a> <a href="/signin">Sign in</a></nav></header>
      <nav class="breadcrumbs"><a href="/">Home</a> › Returns</nav>
      <article><header class="article-header"><h1>How Returns Work for Chairs and Lamps Bought Online</h1>
        <div class="article-meta">Updated 3 days ago</div></header>
        <div class="article-body">
          <p><strong>Return Window:</strong></p>
          <p>Chairs can come back within 21 days of delivery.</p>
          <p><b>Fees and Deadlines:</b></p>
          <p>A collection fee of $30 applies to chairs.</p>
          <p>Before you book, please have ready:</p>
          <ul><li>your order number</li><li>a photo of the chair</li></ul>
        </div></article>
      <footer class="site-footer"><p>© Birch. Follow us for offers.</p></footer>
      </body></html>`;
    const title = "How Returns Work for Chairs and Lamps Bought Online";
    expect(view("returns.html", html)).toEqual([
      [title, "Return Window", "Chairs can come back within 21 days of delivery."],
      [title, "Fees and Deadlines", "A collection fee of $30 applies to chairs."],
      [
        title,
        "Fees and Deadlines",
        "Before you book, please have ready: your order number a photo of the chair",
      ],
    ]);
    expect(ingestDocument("returns.html", html)[0]?.url).toBe(
      "https://help.birch.example/articles/7-returns",
    );
  });

  it("reads only the main content when the page marks it, whatever the furniture around it is called", () => {
    const page = (open: string, close: string) => `<html><body>
      <div class="strip">Half price on winter coats this weekend only</div>
      ${open}<h1>Parcel Help</h1><h2>Lost parcels</h2><p>Tell us within 14 days and we resend it.</p>${close}
      <div class="club"><h2>Join the club</h2><p>Members get 10% off every order.</p></div>
      </body></html>`;
    const expected = [["Parcel Help", "Lost parcels", "Tell us within 14 days and we resend it."]];
    expect(view("help.html", page("<main>", "</main>"))).toEqual(expected);
    expect(view("help.html", page('<div role="main"><div>', "</div></div>"))).toEqual(expected);
    // Without a marked main, the whole page is read, less what looks like chrome.
    expect(view("help.html", page("<div>", "</div>")).map((p) => p[2])).toContain(
      "Members get 10% off every order.",
    );
  });

  it("drops a hosted help centre's sidebar of the section's other articles, keeping the article's own header", () => {
    const html = `<html><body><main role="main"><div class="article-container">
      <aside class="article-sidebar"><div class="collapsible-sidebar"><h2>Articles in this section</h2>
      <ul><li><a href="/a/1" class="sidenav-item">Where is my refund?</a></li></ul></div></aside>
      <article class="article"><header class="article-header"><h1 class="article-title">Returning an item</h1>
      <div class="article-meta">Updated 2 months ago</div></header>
      <div class="article-body"><p>Send most things back within 45 days of delivery.</p>
      <h3>What it costs</h3><p>Free for members; others pay £3.95.</p></div>
      <div class="article-votes"><h2>Was this article helpful?</h2><button>Yes</button><button>No</button></div>
      </article></div></main></body></html>`;
    expect(view("article.html", html)).toEqual([
      ["Returning an item", "Returning an item", "Send most things back within 45 days of delivery."],
      ["Returning an item", "What it costs", "Free for members; others pay £3.95."],
    ]);
  });

  it("keeps an article's header in the main content whatever its classes, and drops a bare trail of links", () => {
    const html = `<html><head><meta property="og:url" content="https://help.loomly.example/articles/5-address"></head>
      <body><header class="flex"><a href="/">Loomly Help</a></header><main class="content"><section>
      <div class="mb-6 flex"><a href="/">All Collections</a> / <a href="/c/9">Orders</a> / <span>Address</span></div>
      <div class="article"><header class="mb-1 text-2xl font-bold"><h1>Can I change my delivery address?</h1></header>
      <div class="avatar"><span>Written by Priya</span><span>Updated over a week ago</span></div>
      <div class="article_body"><p>Yes, until the order is packed: open it in your account and choose Edit address.</p>
      <p>See <a href="/a/1">delivery times</a> and <a href="/a/2">tracking</a> for more.</p></div></div>
      </section></main></body></html>`;
    expect(ingestDocument("article.html", html).map((p) => [p.title, p.url, p.heading, p.text])).toEqual([
      [
        "Can I change my delivery address?",
        "https://help.loomly.example/articles/5-address",
        "Can I change my delivery address?",
        "Yes, until the order is packed: open it in your account and choose Edit address.",
      ],
      [
        "Can I change my delivery address?",
        "https://help.loomly.example/articles/5-address",
        "Can I change my delivery address?",
        "See delivery times and tracking for more.",
      ],
    ]);
  });

  it("reads a blog platform's FAQ block, leaving out the article's footer and the widget sidebar", () => {
    const html = `<html><body><main id="main" class="site-main"><article class="page hentry">
      <header class="entry-header"><h1 class="entry-title">Shipping FAQ</h1></header><div class="entry-content">
      <div class="schema-faq-section"><strong class="schema-faq-question">How much is UK delivery?</strong>
      <p class="schema-faq-answer">Standard delivery is £3.50 and free over £40.</p></div></div>
      <footer class="entry-footer"><span class="edit-link"><a href="/admin">Edit</a></span> Tagged: delivery</footer>
      </article></main><aside id="secondary" class="widget-area"><h2>Recent Posts</h2></aside></body></html>`;
    expect(view("faq.html", html)).toEqual([
      ["Shipping FAQ", "How much is UK delivery?", "Standard delivery is £3.50 and free over £40."],
    ]);
  });

  it("reads questions pasted with an accordion's toggle or a Q: label as FAQ headings, without the label", () => {
    const text = [
      "Frequently Asked Questions",
      "",
      "+ How long does shipping take?",
      "Orders arrive in 3-5 working days.",
      "+ Can I return a used item?",
      "Only unused items can be returned.",
      "",
      "Q: Do you gift wrap?",
      "A: Yes, for £2 per parcel.",
      "",
      "Please tell us:",
      "- What size is it?",
      "- Which colour?",
    ].join("\n");
    expect(view("faq.txt", text)).toEqual([
      ["Frequently Asked Questions", "How long does shipping take?", "Orders arrive in 3-5 working days."],
      ["Frequently Asked Questions", "Can I return a used item?", "Only unused items can be returned."],
      // Questions in a list stay the list's items (here within the answer above, as plain text
      // keeps no blank lines between an answer and what follows it).
      [
        "Frequently Asked Questions",
        "Do you gift wrap?",
        "Yes, for £2 per parcel. Please tell us: - What size is it? - Which colour?",
      ],
    ]);
  });

  it("reads Q. and Question: lines as the heading of the answer below, whatever their shape, without the A. label", () => {
    const text = [
      "BURNING",
      "",
      "Q. How long should I burn it the first time?",
      "A. Until the melted wax reaches the edge. That takes two hours.",
      "",
      "Q. The wick won't stay lit",
      "A. Pour off a little wax and trim the wick.",
      "",
      "Burn time: a small jar lasts about 40 hours.",
      "",
      "Question: Vegan?",
      "Answer: Yes, no beeswax.",
    ].join("\n");
    expect(view("faq.txt", text)).toEqual([
      [
        "BURNING",
        "How long should I burn it the first time?",
        "Until the melted wax reaches the edge. That takes two hours.",
      ],
      ["BURNING", "The wick won't stay lit", "Pour off a little wax and trim the wick."],
      // A paragraph after a labelled answer is the section's again, not that question's.
      ["BURNING", "BURNING", "Burn time: a small jar lasts about 40 hours."],
      ["BURNING", "Vegan?", "Yes, no beeswax."],
    ]);
  });

  it("drops action buttons and links drawn as buttons, keeping accordion toggles as questions", () => {
    const html = `<main><h1>Help</h1><h2>Returns</h2><p>Return within 30 days.</p>
      <a class="btn btn-primary" href="/r">Start a return</a><button type="button">Start a return</button>
      <p>Refunds take 5 days once it arrives.</p>
      <button class="accordion-toggle" aria-expanded="false">Can I exchange it?</button><div><p>Yes, for another size.</p></div>
      <button class="btn">Do you ship abroad?</button><div><p>Only within the EU.</p></div></main>`;
    expect(view("help.html", html)).toEqual([
      ["Help", "Returns", "Return within 30 days."],
      ["Help", "Returns", "Refunds take 5 days once it arrives."],
      ["Help", "Can I exchange it?", "Yes, for another size."],
      ["Help", "Do you ship abroad?", "Only within the EU."],
    ]);
  });

  it("reads headings that start with a pictograph, and drops step numbers standing on their own", () => {
    const text = [
      "📦 How to Return an Item",
      "1",
      "Contact Customer Support",
      "Email us your order number.",
      "2",
      "Ship Your Return",
      "Drop the parcel at any post office.",
      "",
      "💳 Refund Processing",
      "Refunds reach the original payment method within 7 days.",
    ].join("\n");
    expect(view("returns.txt", text)).toEqual([
      ["How to Return an Item", "Contact Customer Support", "Email us your order number."],
      ["How to Return an Item", "Ship Your Return", "Drop the parcel at any post office."],
      [
        "How to Return an Item",
        "Refund Processing",
        "Refunds reach the original payment method within 7 days.",
      ],
    ]);
    const html = `<main><h1>📦 How to return</h1><div class="step"><div class="num">1</div><h3>Ask for a label</h3>
      <p>Write to us with your order number.</p></div><h2>💳 Refunds</h2><p>Paid back within 7 days.</p></main>`;
    expect(view("returns.html", html)).toEqual([
      ["How to return", "Ask for a label", "Write to us with your order number."],
      ["How to return", "Refunds", "Paid back within 7 days."],
    ]);
  });

  it("reads each table row as one line, its cells under their columns' headers", () => {
    const html = `<main><h1>Returns</h1><p>The window depends on what you bought.</p>
      <table><thead><tr><th>Item</th><th>Return window</th><th>Refund time</th></tr></thead>
      <tbody><tr><td>Electronics</td><td><p>15 days</p></td><td>7-10<br>business days</td></tr>
      <tr><td>Sale items</td><td>14 days</td><td></td></tr></tbody></table>
      <h2>Shipping rates</h2><table><tr><td>Express (1-2 days)</td><td>$12.99</td></tr></table></main>`;
    expect(view("returns.html", html)).toEqual([
      ["Returns", "Returns", "The window depends on what you bought."],
      ["Returns", "Returns", "Electronics — Return window: 15 days; Refund time: 7-10 business days"],
      ["Returns", "Returns", "Sale items — Return window: 14 days"],
      ["Returns", "Shipping rates", "Express (1-2 days) — $12.99"],
    ]);
    const md =
      "# Returns\n\n| Item | Return window |\n|:---|---:|\n| **Electronics** | 15 days |\n| Sale items | 14 days |\n\nAsk us about anything else.\n";
    expect(view("returns.md", md)).toEqual([
      ["Returns", "Returns", "Electronics — Return window: 15 days"],
      ["Returns", "Returns", "Sale items — Return window: 14 days"],
      ["Returns", "Returns", "Ask us about anything else."],
    ]);
  });

  it("reads a store's policy page whose sections are bold lines set apart by line breaks", () => {
    const html = `<html><body><main><h1>Refund policy</h1><div class="rte">
      <p>Returns are accepted within 30 days of delivery.</p>
      <p><strong>Exchanges</strong><br>Return the first item, then order the one you want.</p>
      <p><strong>European Union 14 day cooling off period</strong><br>Orders shipped to the EU may be
      returned within 14 days for any reason.</p>
      <p><strong>Sale items are final and cannot be sent back.</strong><br>Gift cards are final too.</p>
      </div></main></body></html>`;
    expect(view("refund-policy.html", html)).toEqual([
      ["Refund policy", "Refund policy", "Returns are accepted within 30 days of delivery."],
      ["Refund policy", "Exchanges", "Return the first item, then order the one you want."],
      [
        "Refund policy",
        "European Union 14 day cooling off period",
        "Orders shipped to the EU may be returned within 14 days for any reason.",
      ],
      // A bold sentence is emphasis, not a section: it stays text under the section before it.
      [
        "Refund policy",
        "European Union 14 day cooling off period",
        "Sale items are final and cannot be sent back.",
      ],
      ["Refund policy", "European Union 14 day cooling off period", "Gift cards are final too."],
    ]);
  });

  it("makes one passage per question of an FAQ accordion, with its answer", () => {
    const html = `<main><h1>FAQ</h1>
      <div class="accordion">
        <div class="accordion__item"><button class="accordion__title">How long does shipping take?</button>
          <div class="accordion__panel"><p>Orders arrive in 2 to 4 days.</p><p>Islands take a day longer.</p></div></div>
        <details><summary>Can I return a candle?</summary><p>Unlit candles can be returned within 30 days.</p></details>
        <dl><dt>Do you ship abroad?</dt><dd>Only within the EU.</dd></dl>
      </div></main>`;
    expect(view("faq.html", html)).toEqual([
      ["FAQ", "How long does shipping take?", "Orders arrive in 2 to 4 days. Islands take a day longer."],
      ["FAQ", "Can I return a candle?", "Unlit candles can be returned within 30 days."],
      ["FAQ", "Do you ship abroad?", "Only within the EU."],
    ]);
  });

  it("reads a page builder's accordion of toggles drawn as divs, and names the page from its title", () => {
    const html = `<html><head><title>FAQ – Tidewell Swimwear</title></head><body>
      <div class="elementor-accordion" role="tablist">
        <div class="elementor-tab-title" role="button" aria-expanded="false" aria-controls="c1">
          <span class="elementor-accordion-icon" aria-hidden="true"><i class="fas fa-plus"></i></span>
          <a class="elementor-accordion-title" tabindex="0">Can I return swimwear?</a></div>
        <div id="c1" class="elementor-tab-content" role="region"><p>Within 21 days, with the liner attached.</p></div>
        <div class="elementor-tab-title" role="button" aria-expanded="false" aria-controls="c2">
          <a class="elementor-accordion-title" tabindex="0">My discount code isn't working</a></div>
        <div id="c2" class="elementor-tab-content" role="region"><p>Codes cannot be combined.</p></div>
      </div></body></html>`;
    expect(view("faq.html", html)).toEqual([
      ["FAQ", "Can I return swimwear?", "Within 21 days, with the liner attached."],
      ["FAQ", "My discount code isn't working", "Codes cannot be combined."],
    ]);
  });

  it("reads an FAQ page drawn by a script from its structured data, without repeating questions shown", () => {
    const faq = (pairs: [string, string][]) =>
      JSON.stringify({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        mainEntity: pairs.map(([name, text]) => ({
          "@type": "Question",
          name,
          acceptedAnswer: { "@type": "Answer", text },
        })),
      });
    const data = faq([
      ["How long does delivery take?", "<p>UK orders arrive in <b>2-3</b> working days.</p>"],
      ["Can I return a used item?", "Only unused items, within 30 days."],
    ]);
    const scripted = `<html><head><title>Help | Quartzly</title>
      <script type="application/ld+json">${data}</script></head>
      <body><div id="root"></div><script src="/app.js"></script></body></html>`;
    expect(view("help.html", scripted)).toEqual([
      ["Help", "How long does delivery take?", "UK orders arrive in 2-3 working days."],
      ["Help", "Can I return a used item?", "Only unused items, within 30 days."],
    ]);
    const shown = `<html><head><script type="application/ld+json">${data}</script></head>
      <body><main><h1>FAQ</h1><h3>How long does delivery take?</h3><p>Two to three working days.</p></main></body></html>`;
    expect(view("faq.html", shown)).toEqual([
      ["FAQ", "How long does delivery take?", "Two to three working days."],
      ["FAQ", "Can I return a used item?", "Only unused items, within 30 days."],
    ]);
  });

  it("drops a site header and menus named the BEM way (header__container, nav__item)", () => {
    const html = `<html><head><title>Returns | Nimbus Help</title></head><body>
      <div class="header__container"><a class="header__logo" href="/">Nimbus Help Center</a></div>
      <div class="nav__list"><span class="nav__item">Orders and delivery</span></div>
      <div class="article"><h1 class="t__h1">Returns and exchanges</h1>
        <p>You have 60 days from delivery to return unworn shoes.</p></div></body></html>`;
    expect(view("returns.html", html)).toEqual([
      [
        "Returns and exchanges",
        "Returns and exchanges",
        "You have 60 days from delivery to return unworn shoes.",
      ],
    ]);
  });

  it("reads structure from the shape of plain-text lines", () => {
    const text = [
      "Returning a Bike Bought From Our Online Shop",
      "Return period:",
      "Bikes can be returned within 14 days.",
      "Please include these with the bike:",
      "- the keys",
      "- the receipt",
      "Servicing",
      "Can I book a free service?",
      "Yes, one free service within 6 weeks of delivery.",
    ].join("\n");
    expect(view("bikes.txt", text)).toEqual([
      [
        "Returning a Bike Bought From Our Online Shop",
        "Return period",
        "Bikes can be returned within 14 days.",
      ],
      [
        "Returning a Bike Bought From Our Online Shop",
        "Return period",
        "Please include these with the bike: - the keys - the receipt",
      ],
      ["Servicing", "Can I book a free service?", "Yes, one free service within 6 weeks of delivery."],
    ]);
  });

  it("tells headings, titles and text apart by shape", () => {
    expect(lineShape("Fees and Deadlines:")).toBe("heading");
    expect(lineShape("Please include the below information:", true)).toBe("text");
    expect(lineShape("What happens if I am not home?")).toBe("heading");
    expect(lineShape("Delivery Notifications, Time Windows and Rescheduling Your Delivery")).toBe("title");
    expect(lineShape("Items must be returned within 14 days of delivery.")).toBe("text");
    expect(lineShape("2. Refunds")).toBe("heading");
  });

  it("reads Markdown titles, sections and bold headings", () => {
    const md =
      "# Kettle Help\n\n## Warranty\n\nTwo years on every kettle.\n\n**Repairs:**\n\nWe repair kettles within 10 days.\n";
    expect(view("help.md", md)).toEqual([
      ["Kettle Help", "Warranty", "Two years on every kettle."],
      ["Kettle Help", "Repairs", "We repair kettles within 10 days."],
    ]);
  });

  it("reads the articles export of hosted help centres and refuses what is not one", () => {
    const one = {
      article: { title: "Sizing", html_url: "https://h.example/a/1", body: "<p>True to size.</p>" },
    };
    expect(exportArticles(JSON.stringify(one))).toEqual([
      { title: "Sizing", body: "<p>True to size.</p>", url: "https://h.example/a/1" },
    ]);
    expect(() => exportArticles("[]")).toThrow(/no articles/);
    expect(() => exportArticles("<html>")).toThrow(/not JSON/);
  });

  it("reads a shop platform's policies and a CMS's pages, leaving unpublished ones out", () => {
    const policies = {
      policies: [
        {
          title: "Refund policy",
          body: "<p>30 days to return.</p>",
          url: "https://shop.example/policies/refund-policy",
        },
      ],
    };
    expect(exportArticles(JSON.stringify(policies))).toEqual([
      {
        title: "Refund policy",
        body: "<p>30 days to return.</p>",
        url: "https://shop.example/policies/refund-policy",
      },
    ]);
    const pages = [
      {
        title: { rendered: "Shipping &amp; Returns" },
        content: { rendered: "<p>Free over $50.</p>" },
        link: "https://shop.example/shipping",
        status: "publish",
      },
      { title: { rendered: "Old FAQ" }, content: { rendered: "<p>Gone.</p>" }, status: "private" },
      { name: "Unlisted", text: "<p>Not yet.</p>", status: "notpublished" },
    ];
    expect(exportArticles(JSON.stringify(pages))).toEqual([
      { title: "Shipping & Returns", body: "<p>Free over $50.</p>", url: "https://shop.example/shipping" },
    ]);
  });

  it("reads the other list shapes of help centre APIs, with their names for title, body and address", () => {
    const expected = [{ title: "Sizing", body: "<p>True to size.</p>", url: "https://h.example/a/1" }];
    // A list under `data`, drafts marked by their state.
    const data = {
      type: "list",
      data: [
        { title: "Sizing", body: "<p>True to size.</p>", url: "https://h.example/a/1", state: "published" },
        { title: "Next season", body: "<p>Soon.</p>", state: "draft" },
      ],
    };
    expect(exportArticles(JSON.stringify(data))).toEqual(expected);
    // Articles under `articles.items`, named, with their text and public address.
    const items = {
      articles: {
        items: [
          {
            name: "Sizing",
            text: "<p>True to size.</p>",
            publicUrl: "https://h.example/a/1",
            status: "published",
          },
        ],
      },
    };
    expect(exportArticles(JSON.stringify(items))).toEqual(expected);
    // A plain array whose body is the `description`.
    const described = [
      { title: "Sizing", description: "<p>True to size.</p>", link: "https://h.example/a/1" },
    ];
    expect(exportArticles(JSON.stringify(described))).toEqual(expected);
    expect(ingestDocument("help.json", JSON.stringify(items)).map((p) => [p.title, p.url, p.text])).toEqual([
      ["Sizing", "https://h.example/a/1", "True to size."],
    ]);
  });
});
