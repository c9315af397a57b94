import { describe, expect, it } from "vitest";
import { normalize, tokenize } from "./text.ts";

describe("normalize", () => {
  it("reads contractions typed without an apostrophe", () => {
    expect(normalize("I cant find it, it wasnt there and I dont know")).toBe(
      "i can not find it it was not there and i do not know",
    );
  });

  it("reads a pronoun's 's and a possessive typed without an apostrophe", () => {
    expect(normalize("what if shes out, can it go to someones work")).toBe(
      "what if she is out can it go to someone s work",
    );
  });
});

describe("tokenize", () => {
  it("does not fold a shopper onto customs, nor using something onto wearing it", () => {
    expect(tokenize("customers")).toEqual(["customer"]);
    expect(tokenize("customs duties")).toEqual(["customs", "customs"]);
    expect(tokenize("use the chat")).not.toContain("wear");
  });
});

describe("analyze: what a shopper's words stand for", () => {
  it("reads 'within' as a time limit only when a span of time follows", () => {
    expect(tokenize("returned within 14 days")).toContain("deadline");
    expect(tokenize("within a week")).toContain("deadline");
    expect(tokenize("within your shipping confirmation email")).not.toContain("deadline");
  });

  it("reads a country's adjective as the country", () => {
    expect(normalize("my Mexican address")).toBe("my mexico address");
    expect(tokenize("turkish")).toEqual(tokenize("turkey"));
  });

  it("reads 'including' as saying nothing of the topic", () => {
    expect(tokenize("including faulty products")).toEqual(["fault", "item"]);
  });

  it("reads checking an item over as inspecting it", () => {
    expect(tokenize("how long to check my item")).toContain("inspect");
  });

  it("reads getting a parcel back as its arrival, and getting money back as a refund", () => {
    expect(tokenize("have you got my return back")).toContain("deliver");
    expect(tokenize("have you got my return back")).not.toContain("refund");
    expect(tokenize("when do i get my money back")).toContain("refund");
  });

  it("reads adding an item to an order as changing the order, not applying a code", () => {
    expect(tokenize("can i add an item to my order")).toContain("amend");
    expect(tokenize("can i add an item to my order")).not.toContain("apply");
    expect(tokenize("can i add my promo code")).toContain("apply");
  });

  it("reads asking whether shipping is refunded as a question about the cost of shipping", () => {
    expect(tokenize("is shipping refunded")).toContain("shipcost");
    expect(tokenize("the cost of shipping")).toContain("shipcost");
  });
});

describe("analyze: compounds and story details", () => {
  it("reads when something happened as telling, not asking how long", () => {
    expect(tokenize("i ordered five minutes ago")).not.toContain("duration");
    expect(tokenize("posted it back last tuesday")).not.toContain("duration");
    expect(tokenize("how many hours does it take")).toContain("duration");
  });

  it("gives 'back' to the nearer verb: having to send something back is a return", () => {
    expect(tokenize("we got to send it back")).toContain("return");
    expect(tokenize("we got to send it back")).not.toContain("refund");
  });

  it("reads asking whether it is too late to return as a time limit", () => {
    expect(tokenize("is it too late to return it")).toContain("deadline");
  });

  it("reads someone getting back to the shopper as a reply, and sending back to the brand as a return", () => {
    expect(tokenize("will someone get back to me")).toContain("contact");
    expect(tokenize("will someone get back to me")).not.toContain("refund");
    expect(tokenize("the parcel i was sending back to you")).toContain("return");
  });

  it("keeps a plain word apart from a topic that happens to share its name", () => {
    expect(tokenize("why not do exchanges like other shops")).not.toContain("storevisit");
    expect(tokenize("can i take my return to one of your shops")).toContain("storevisit");
  });
});
