// Business time: the brand's opening hours on its business days (weekends and the public holidays of
// its calendar excluded), in its own time zone. A target of 8 business hours set on Friday at 16:00 in
// London falls due on Monday at 15:00, or Tuesday when Monday is a bank holiday.
import { addDays, businessCalendar, type HolidaySpec, localDate, offsetAt } from "../../domain/calendar.ts";

export interface BusinessHours {
  readonly timeZone: string;
  readonly holidays: HolidaySpec | null;
  /** "09:00" */
  readonly opens: string;
  /** "17:30" */
  readonly closes: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The instant a local wall-clock time falls on in the zone (the later one in a repeated hour). */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${hhmm}:00Z`);
  // Two passes settle the offset across a daylight-saving change.
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** `minutes` of business time after `start`. */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours): Date {
  const calendar = businessCalendar(hours.holidays);
  let cursor = start.getTime();
  let left = Math.max(0, minutes) * 60_000;
  for (let guard = 0; guard < 3660; guard++) {
    const day = localDate(new Date(cursor), hours.timeZone);
    if (calendar.isBusinessDay(day)) {
      const opens = zonedInstant(day, hours.opens, hours.timeZone).getTime();
      const closes = zonedInstant(day, hours.closes, hours.timeZone).getTime();
      if (cursor < opens) cursor = opens;
      if (cursor < closes) {
        if (left <= closes - cursor) return new Date(cursor + left);
        left -= closes - cursor;
      }
    }
    cursor = zonedInstant(addDays(day, 1), "00:00", hours.timeZone).getTime();
  }
  throw new RangeError("business time does not end within ten years");
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, hours: BusinessHours): number {
  const calendar = businessCalendar(hours.holidays);
  let cursor = from.getTime();
  const end = to.getTime();
  let total = 0;
  for (let guard = 0; guard < 3660 && cursor < end; guard++) {
    const day = localDate(new Date(cursor), hours.timeZone);
    if (calendar.isBusinessDay(day)) {
      const opens = zonedInstant(day, hours.opens, hours.timeZone).getTime();
      const closes = zonedInstant(day, hours.closes, hours.timeZone).getTime();
      const a = Math.max(cursor, opens);
      const b = Math.min(end, closes);
      if (b > a) total += b - a;
    }
    cursor = zonedInstant(addDays(day, 1), "00:00", hours.timeZone).getTime();
  }
  return Math.round(total / 60_000);
}

export function isValidHours(opens: string, closes: string): boolean {
  return /^\d\d:\d\d$/.test(opens) && /^\d\d:\d\d$/.test(closes) && minutesOf(opens) < minutesOf(closes);
}
