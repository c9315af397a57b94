// Calendar arithmetic on local dates ("YYYY-MM-DD") in a brand's time zone. Windows are counted in
// inclusive calendar days; promises in business days that skip weekends and public holidays.
import Holidays from "date-holidays";

/** A calendar date as "YYYY-MM-DD". */
export type LocalDate = string;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date an instant falls on in the given time zone. */
export function localDate(instant: string | Date, timeZone: string): LocalDate {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return formatterFor(timeZone).format(d);
}

const DAY_MS = 86_400_000;

function toEpochDay(date: LocalDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function fromEpochDay(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/**
 * The last day of an inclusive window of `days` calendar days counted from `start`: delivered on
 * 5 March with a 14-day window, the last day to ask is 19 March.
 */
export function windowEnd(start: LocalDate, days: number): LocalDate {
  return addDays(start, days);
}

export interface HolidaySpec {
  readonly country: string;
  readonly region?: string | undefined;
}

/** Public holidays of one country (and region), computed once per year and cached. */
export class BusinessCalendar {
  private readonly holidays: Holidays;
  private readonly years = new Map<number, Set<LocalDate>>();

  constructor(readonly spec: HolidaySpec | null) {
    this.holidays = spec ? new Holidays(spec.country, spec.region ?? "") : new Holidays();
  }

  private holidaysIn(year: number): Set<LocalDate> {
    let set = this.years.get(year);
    if (!set) {
      set = new Set(
        this.spec
          ? this.holidays
              .getHolidays(year)
              .filter((h) => h.type === "public")
              .map((h) => h.date.slice(0, 10))
          : [],
      );
      this.years.set(year, set);
    }
    return set;
  }

  isHoliday(date: LocalDate): boolean {
    return this.holidaysIn(Number(date.slice(0, 4))).has(date);
  }

  isBusinessDay(date: LocalDate): boolean {
    const wd = weekday(date);
    return wd !== 0 && wd !== 6 && !this.isHoliday(date);
  }

  /** Counting N business days from D: the first counted day is the first business day after D. */
  addBusinessDays(date: LocalDate, count: number): LocalDate {
    let day = date;
    let left = count;
    while (left > 0) {
      day = addDays(day, 1);
      if (this.isBusinessDay(day)) left--;
    }
    return day;
  }
}

const calendars = new Map<string, BusinessCalendar>();

/** Shared calendars: building the holiday rules of a country is the expensive part. */
export function businessCalendar(spec: HolidaySpec | null): BusinessCalendar {
  const key = spec ? `${spec.country}/${spec.region ?? ""}` : "-";
  let cal = calendars.get(key);
  if (!cal) {
    cal = new BusinessCalendar(spec);
    calendars.set(key, cal);
  }
  return cal;
}

export function isSupportedHolidayCountry(country: string, region?: string): boolean {
  const countries = new Holidays().getCountries();
  if (!countries[country]) return false;
  if (!region) return true;
  const regions = new Holidays().getStates(country) ?? {};
  return Boolean(regions[region]);
}
