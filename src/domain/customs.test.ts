import { describe, expect, it } from "vitest";
import { checkMexicanRfc, checkPhone, checkTurkishNationalId, TAX_ID_FORMATS } from "./customs.ts";

/** The T.C. Kimlik No check digits, computed independently of the code under test. */
function withCheckDigits(nine: string): string {
  const d = [...nine].map(Number);
  let odd = 0;
  let even = 0;
  d.forEach((digit, i) => {
    if (i % 2 === 0) odd += digit;
    else even += digit;
  });
  const tenth = (((7 * odd - even) % 10) + 10) % 10;
  const eleventh = (d.reduce((a, b) => a + b, 0) + tenth) % 10;
  return `${nine}${tenth}${eleventh}`;
}

describe("checkMexicanRfc", () => {
  it("accepts a person's RFC (4 letters, date, homoclave: 13 characters)", () => {
    expect(checkMexicanRfc("GODE561231GR8")).toEqual({ ok: true });
  });

  it("accepts a company's RFC (3 letters: 12 characters)", () => {
    expect(checkMexicanRfc("ABC680524P76")).toEqual({ ok: true });
  });

  it("accepts lower case, spaces and dashes", () => {
    expect(checkMexicanRfc("gode561231gr8").ok).toBe(true);
    expect(checkMexicanRfc(" GODE-561231-GR8 ").ok).toBe(true);
    expect(checkMexicanRfc("ñab680524p76").ok).toBe(true);
  });

  it("refuses other lengths, naming the length", () => {
    for (const bad of ["", "GODE561231G", "GODE561231GR8X", "ABC68052P7"]) {
      const r = checkMexicanRfc(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toMatch(/12 characters .* 13/);
    }
  });

  it("refuses a letter count that does not match the length", () => {
    // 13 characters but only 3 letters, 12 characters with 4 letters.
    expect(checkMexicanRfc("ABC1680524P76").ok).toBe(false);
    expect(checkMexicanRfc("ABCD80524P76").ok).toBe(false);
  });

  it("refuses dates that do not exist", () => {
    expect(checkMexicanRfc("GODE561331GR8").ok).toBe(false); // month 13
    expect(checkMexicanRfc("GODE560031GR8").ok).toBe(false); // month 0
    expect(checkMexicanRfc("GODE560431GR8").ok).toBe(false); // 31 April
    expect(checkMexicanRfc("GODE561200GR8").ok).toBe(false); // day 0
    const r = checkMexicanRfc("ABC681324P76");
    expect(r).toEqual({ ok: false, problem: "the RFC's date part is not a real date" });
  });

  it("accepts 29 February only in a year that can be a leap year", () => {
    expect(checkMexicanRfc("GODE000229GR8").ok).toBe(true); // 2000
    expect(checkMexicanRfc("GODE960229GR8").ok).toBe(true); // 1996
    expect(checkMexicanRfc("GODE010229GR8").ok).toBe(false); // 1901 and 2001
  });

  it("refuses a malformed homoclave or digits where letters belong", () => {
    expect(checkMexicanRfc("GODE561231GRX").ok).toBe(false); // check character is a digit or A
    expect(checkMexicanRfc("GODE561231GRA").ok).toBe(true);
    expect(checkMexicanRfc("G0DE561231GR8").ok).toBe(false);
    expect(checkMexicanRfc("GODE56123AGR8").ok).toBe(false);
  });
});

describe("checkTurkishNationalId", () => {
  it("accepts ids whose two check digits are right", () => {
    expect(checkTurkishNationalId("10000000146")).toEqual({ ok: true });
    expect(withCheckDigits("100000001")).toBe("10000000146");
    for (const nine of ["123456789", "111111111", "190909090", "987654321", "500000000"]) {
      const id = withCheckDigits(nine);
      expect(checkTurkishNationalId(id), id).toEqual({ ok: true });
    }
    expect(withCheckDigits("123456789")).toBe("12345678950");
    // 7 × 1 − 36 is negative: the tenth digit is still taken mod 10 into 0–9.
    expect(withCheckDigits("190909090")).toBe("19090909018");
  });

  it("refuses a wrong tenth or eleventh digit", () => {
    expect(checkTurkishNationalId("10000000156")).toEqual({
      ok: false,
      problem: "the check digits do not match",
    });
    expect(checkTurkishNationalId("10000000147").ok).toBe(false);
    expect(checkTurkishNationalId("12345678951").ok).toBe(false);
  });

  it("refuses a leading zero even with matching check digits", () => {
    const id = withCheckDigits("012345678");
    expect(checkTurkishNationalId(id)).toEqual({
      ok: false,
      problem: "a T.C. Kimlik No cannot start with 0",
    });
  });

  it("refuses other lengths and letters", () => {
    expect(checkTurkishNationalId("1000000014").ok).toBe(false);
    expect(checkTurkishNationalId("100000001460").ok).toBe(false);
    expect(checkTurkishNationalId("1000000014A").ok).toBe(false);
    expect(checkTurkishNationalId("").ok).toBe(false);
  });

  it("ignores surrounding and inner spaces", () => {
    expect(checkTurkishNationalId(" 100 000 001 46 ").ok).toBe(true);
  });
});

describe("checkPhone", () => {
  it("accepts valid Mexican, Turkish and UK numbers, international or national", () => {
    expect(checkPhone("+52 55 1234 5678", "MX").ok).toBe(true);
    expect(checkPhone("55 1234 5678", "MX").ok).toBe(true);
    expect(checkPhone("+90 532 123 45 67", "TR").ok).toBe(true);
    expect(checkPhone("0532 123 45 67", "tr").ok).toBe(true);
    expect(checkPhone("+44 7400 123456", "GB").ok).toBe(true);
    expect(checkPhone("020 7946 0958", "GB").ok).toBe(true);
  });

  it("refuses numbers that are too short, not numbers, or invalid for their country", () => {
    expect(checkPhone("+52 123", "MX")).toEqual({ ok: false, problem: "not a valid phone number" });
    expect(checkPhone("12345", "TR").ok).toBe(false);
    expect(checkPhone("not a phone", "GB").ok).toBe(false);
    expect(checkPhone("+44 0000 000000", "GB").ok).toBe(false);
    // A Turkish national number is not a Mexican one.
    expect(checkPhone("0532 123 45 67", "MX").ok).toBe(false);
  });

  it("reads an unknown default country as unreadable for national numbers only", () => {
    expect(checkPhone("5512345678", "ZZ").ok).toBe(false);
    expect(checkPhone("+52 55 1234 5678", "ZZ").ok).toBe(true);
  });
});

describe("TAX_ID_FORMATS", () => {
  it("maps each policy format name to its checker", () => {
    expect(TAX_ID_FORMATS.mx_rfc.check("GODE561231GR8").ok).toBe(true);
    expect(TAX_ID_FORMATS.tr_national_id.check("10000000146").ok).toBe(true);
    expect(TAX_ID_FORMATS.tr_national_id.check("GODE561231GR8").ok).toBe(false);
  });
});
