// Money is always an integer count of minor units (cents, pence) with its ISO 4217 currency.

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export function assertMinorUnits(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${what} must be an integer number of minor units`);
}

/**
 * Splits `total` over `weights` in proportion, in whole minor units, so that the parts add up to
 * exactly `total` (largest-remainder method; ties go to the earlier weight, so it is deterministic).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum <= 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / weightSum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * The part of a line's paid amount that belongs to `count` more units when `already` units were
 * taken before: cumulative flooring, so taking units one at a time never adds up to more than
 * the line as a whole.
 */
export function shareOfUnits(linePaid: number, quantity: number, already: number, count: number): number {
  if (quantity <= 0 || count <= 0) return 0;
  const upTo = Math.min(quantity, already + count);
  return Math.floor((linePaid * upTo) / quantity) - Math.floor((linePaid * already) / quantity);
}

const minorDigits = new Map<string, number>();

/** "USD 10.00" style formatting for messages; digits follow the currency's minor unit. */
export function formatMoney(amount: number, currency: string): string {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
    minorDigits.set(currency, digits);
  }
  const sign = amount < 0 ? "-" : "";
  return `${sign}${currency} ${(Math.abs(amount) / 10 ** digits).toFixed(digits)}`;
}
