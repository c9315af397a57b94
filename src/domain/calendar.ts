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

const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * The zone's UTC offset (ms) at an instant. Offsets only change on quarter-hour boundaries, so the
 * result is cached per zone and quarter hour: evaluation calls this several times per decision.
 */
export function offsetAt(ms: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const local = formatterFor(timeZone).format(new Date(ms));
    const localMidnight = Date.parse(`${local}T00:00:00Z`);
    // The local date alone gives the offset to within a day; the hour fixes it exactly.
    const hourParts = hourFormatterFor(timeZone).formatToParts(new Date(ms));
    const hour = Number(hourParts.find((p) => p.type === "hour")?.value ?? 0) % 24;
    const minute = Number(hourParts.find((p) => p.type === "minute")?.value ?? 0);
    const localMs = localMidnight + hour * 3_600_000 + minute * 60_000;
    offset = Math.round((localMs - (ms - (ms % 60_000))) / 60_000) * 60_000;
    if (zone.size > 50_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();
function hourFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    hourFormatters.set(timeZone, f);
  }
  return f;
}

/** The calendar date an instant falls on in the given time zone. */
export function localDate(instant: string | Date, timeZone: string): LocalDate {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return fromEpochDay(Math.floor((ms + offsetAt(ms, timeZone)) / DAY_MS));
}

const DAY_MS = 86_400_000;

// Civil-date <-> day-number conversions (proleptic Gregorian), without allocating Date objects.
function toEpochDay(date: LocalDate): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function fromEpochDay(day: number): LocalDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
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
