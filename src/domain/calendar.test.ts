import { describe, expect, it } from "vitest";
import {
  addDays,
  BusinessCalendar,
  businessCalendar,
  daysBetween,
  isSupportedHolidayCountry,
  isValidTimeZone,
  localDate,
  weekday,
  windowEnd,
} from "./calendar.ts";

const NY = "America/New_York";
const LONDON = "Europe/London";

describe("localDate", () => {
  it("is the date in the brand's zone, not in UTC: 23:30 in New York is still that day", () => {
    // 19 March 2026 23:30 EDT (UTC-4) is 20 March 03:30 UTC.
    expect(localDate("2026-03-20T03:30:00Z", NY)).toBe("2026-03-19");
    expect(localDate("2026-03-20T04:00:00Z", NY)).toBe("2026-03-20");
  });

  it("follows New York's winter offset (UTC-5)", () => {
    expect(localDate("2026-01-16T04:59:00Z", NY)).toBe("2026-01-15");
    expect(localDate("2026-01-16T05:00:00Z", NY)).toBe("2026-01-16");
  });

  it("follows London across GMT and BST", () => {
    // GMT in January: London's date is UTC's date.
    expect(localDate("2026-01-12T23:59:00Z", LONDON)).toBe("2026-01-12");
    // BST (UTC+1) from 29 March 2026: 23:30 UTC on 31 March is already 1 April in London.
    expect(localDate("2026-03-31T22:59:00Z", LONDON)).toBe("2026-03-31");
    expect(localDate("2026-03-31T23:30:00Z", LONDON)).toBe("2026-04-01");
    // Around the switch itself: 00:59 UTC on 29 March is 00:59 GMT, 01:00 UTC is 02:00 BST.
    expect(localDate("2026-03-28T23:30:00Z", LONDON)).toBe("2026-03-28");
    expect(localDate("2026-03-29T01:00:00Z", LONDON)).toBe("2026-03-29");
  });

  it("accepts instants with an explicit offset and Date objects", () => {
    expect(localDate("2026-03-19T23:30:00-04:00", NY)).toBe("2026-03-19");
    expect(localDate(new Date("2026-03-20T03:30:00Z"), NY)).toBe("2026-03-19");
  });

  it("refuses an unreadable instant", () => {
    expect(() => localDate("not a date", NY)).toThrow(RangeError);
  });
});

describe("date arithmetic", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-03-05", 14)).toBe("2026-03-19");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-03-05", "2026-03-19")).toBe(14);
    expect(daysBetween("2026-03-19", "2026-03-05")).toBe(-14);
  });

  it("knows the weekday (0 = Sunday)", () => {
    expect(weekday("2026-03-01")).toBe(0);
    expect(weekday("2026-11-26")).toBe(4);
    expect(weekday("2026-07-04")).toBe(6);
    expect(weekday("1970-01-01")).toBe(4);
  });

  it("ends an inclusive window of N days on the Nth day after the start", () => {
    // Delivered on 5 March with 14 days: 19 March is the last day, 20 March is late.
    expect(windowEnd("2026-03-05", 14)).toBe("2026-03-19");
    expect(windowEnd("2026-03-05", 0)).toBe("2026-03-05");
  });

  it("validates zones", () => {
    expect(isValidTimeZone(NY)).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("BusinessCalendar (US)", () => {
  const us = businessCalendar({ country: "US" });

  it("skips weekends", () => {
    // Friday 6 March + 1 business day is Monday 9 March.
    expect(us.addBusinessDays("2026-03-06", 1)).toBe("2026-03-09");
    expect(us.isBusinessDay("2026-03-07")).toBe(false);
    expect(us.isBusinessDay("2026-03-08")).toBe(false);
  });

  it("counts from the first business day after D, even when D itself is a weekend day", () => {
    expect(us.addBusinessDays("2026-03-09", 1)).toBe("2026-03-10");
    expect(us.addBusinessDays("2026-03-07", 1)).toBe("2026-03-09");
    expect(us.addBusinessDays("2026-03-09", 0)).toBe("2026-03-09");
  });

  it("skips Thanksgiving 2026 (Thursday 26 November)", () => {
    expect(us.isHoliday("2026-11-26")).toBe(true);
    expect(us.isBusinessDay("2026-11-27")).toBe(true);
    expect(us.addBusinessDays("2026-11-25", 1)).toBe("2026-11-27");
    // Fri 20 Nov + 7: 23, 24, 25, (26 skipped), 27, 30, 1 Dec, 2 Dec.
    expect(us.addBusinessDays("2026-11-20", 7)).toBe("2026-12-02");
  });

  it("skips the substitute day for 4 July 2026 (a Saturday): Friday 3 July", () => {
    expect(us.isHoliday("2026-07-03")).toBe(true);
    expect(us.isBusinessDay("2026-07-03")).toBe(false);
    expect(us.addBusinessDays("2026-07-02", 1)).toBe("2026-07-06");
  });

  it("is an ordinary weekday calendar without a holiday spec", () => {
    const plain = new BusinessCalendar(null);
    expect(plain.isHoliday("2026-12-25")).toBe(false);
    expect(plain.addBusinessDays("2026-11-25", 1)).toBe("2026-11-26");
  });

  it("is shared per country and region", () => {
    expect(businessCalendar({ country: "US" })).toBe(us);
    expect(businessCalendar({ country: "GB", region: "ENG" })).not.toBe(us);
  });
});

describe("BusinessCalendar (England)", () => {
  const eng = businessCalendar({ country: "GB", region: "ENG" });

  it("skips Good Friday (3 April) and Easter Monday (6 April) 2026", () => {
    expect(eng.isHoliday("2026-04-03")).toBe(true);
    expect(eng.isHoliday("2026-04-06")).toBe(true);
    // Thursday 2 April + 1 working day is Tuesday 7 April.
    expect(eng.addBusinessDays("2026-04-02", 1)).toBe("2026-04-07");
  });

  it("skips Christmas and the Boxing Day substitute (Monday 28 December 2026)", () => {
    expect(eng.isHoliday("2026-12-25")).toBe(true);
    expect(eng.isHoliday("2026-12-28")).toBe(true);
    expect(eng.addBusinessDays("2026-12-24", 1)).toBe("2026-12-29");
  });

  it("skips the early May and summer bank holidays", () => {
    expect(eng.isBusinessDay("2026-05-04")).toBe(false);
    expect(eng.isBusinessDay("2026-08-31")).toBe(false);
    expect(eng.addBusinessDays("2026-08-28", 1)).toBe("2026-09-01");
  });

  it("does not skip US holidays", () => {
    expect(eng.isBusinessDay("2026-11-26")).toBe(true);
    expect(eng.isBusinessDay("2026-07-03")).toBe(true);
  });
});

describe("isSupportedHolidayCountry", () => {
  it("knows countries and their regions", () => {
    expect(isSupportedHolidayCountry("US")).toBe(true);
    expect(isSupportedHolidayCountry("GB", "ENG")).toBe(true);
    expect(isSupportedHolidayCountry("GB", "XXX")).toBe(false);
    expect(isSupportedHolidayCountry("ZZ")).toBe(false);
  });
});
