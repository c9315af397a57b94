// Validators for the identity and contact fields some countries' customs require at checkout.
import { type CountryCode, isValidPhoneNumber } from "libphonenumber-js";

export type FieldCheck = { ok: true } | { ok: false; problem: string };

const OK: FieldCheck = { ok: true };

function validDateYYMMDD(yymmdd: string): boolean {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  // The century is not written, so 29 February is accepted if either century makes it a leap day.
  const daysIn = (year: number) => new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return dd <= Math.max(daysIn(1900 + yy), daysIn(2000 + yy));
}

/**
 * Mexican RFC (Registro Federal de Contribuyentes): 3 letters for a company or 4 for a person,
 * the date of birth or incorporation as YYMMDD, and a 3-character homoclave.
 */
export function checkMexicanRfc(value: string): FieldCheck {
  const rfc = value.trim().toUpperCase().replace(/[\s-]/g, "");
  if (rfc.length !== 12 && rfc.length !== 13) {
    return { ok: false, problem: `an RFC has 12 characters (company) or 13 (person), not ${rfc.length}` };
  }
  const match = /^([A-ZÑ&]{3,4})(\d{6})([A-Z\d]{2}[A\d])$/.exec(rfc);
  if (!match || (match[1] ?? "").length !== rfc.length - 9) {
    return { ok: false, problem: "an RFC is letters, then a YYMMDD date, then a 3-character homoclave" };
  }
  if (!validDateYYMMDD(match[2] ?? ""))
    return { ok: false, problem: "the RFC's date part is not a real date" };
  return OK;
}

/** Turkish national identity number (T.C. Kimlik No): 11 digits, no leading zero, two check digits. */
export function checkTurkishNationalId(value: string): FieldCheck {
  const id = value.trim().replace(/\s/g, "");
  if (!/^\d{11}$/.test(id)) return { ok: false, problem: "a T.C. Kimlik No has exactly 11 digits" };
  if (id.startsWith("0")) return { ok: false, problem: "a T.C. Kimlik No cannot start with 0" };
  const d = [...id].map(Number);
  const at = (i: number) => d[i] ?? 0;
  const odd = at(0) + at(2) + at(4) + at(6) + at(8);
  const even = at(1) + at(3) + at(5) + at(7);
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  const eleventh = (odd + even + at(9)) % 10;
  if (tenth !== at(9) || eleventh !== at(10)) return { ok: false, problem: "the check digits do not match" };
  return OK;
}

/** A phone number valid for dialling; national numbers are read as numbers of `country`. */
export function checkPhone(value: string, country: string): FieldCheck {
  let ok = false;
  try {
    ok = isValidPhoneNumber(value, country.toUpperCase() as CountryCode);
  } catch {
    // An unknown default country only matters for national numbers; treat those as unreadable.
    ok = false;
  }
  return ok ? OK : { ok: false, problem: "not a valid phone number" };
}

export const TAX_ID_FORMATS = {
  mx_rfc: { label: "RFC (Mexican tax id)", check: checkMexicanRfc },
  tr_national_id: { label: "T.C. Kimlik No (Turkish national ID number)", check: checkTurkishNationalId },
} as const;
export type TaxIdFormat = keyof typeof TAX_ID_FORMATS;
