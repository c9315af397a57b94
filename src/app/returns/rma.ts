// Return authorisation numbers: short enough to write on a parcel, random enough not to be guessed,
// and prefixed with the brand so the warehouse sees at a glance whose parcel it holds.
import { randomInt } from "node:crypto";

/** No 0/O or 1/I/L: the number is read off handwritten labels. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 8;

export type RandomIndex = (max: number) => number;

/** e.g. `CA-R7K2M9QX` for a brand whose slug starts with "ca". */
export function newRmaNumber(brandSlug: string, random: RandomIndex = randomInt): string {
  const prefix =
    brandSlug
      .replace(/[^a-z0-9]/gi, "")
      .slice(0, 2)
      .toUpperCase() || "RM";
  let body = "";
  for (let i = 0; i < LENGTH; i++) body += ALPHABET[random(ALPHABET.length)] ?? "X";
  return `${prefix}-R${body}`;
}

export function isRmaNumber(text: string): boolean {
  return /^[A-Z0-9]{2}-R[2-9A-HJKMNP-Z]{8}$/.test(text);
}
