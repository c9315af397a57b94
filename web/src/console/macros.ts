// Macros: canned replies per brand with placeholders ({name}, {order}, {rma}, {brand}, {date}). They are
// kept in this browser (Settings → Macros edits them) until the desk stores them per brand on the
// server; a fresh browser starts with two examples.
import { useEffect, useState } from "react";

export interface Macro {
  readonly name: string;
  readonly body: string;
}

const KEY = (brand: string) => `aftercare.console.macros.${brand}`;

const STARTERS: readonly Macro[] = [
  {
    name: "Return received",
    body: "Hello {name},\n\nYour return {rma} for order {order} has reached us. We will check it and write again by {date}.\n\n{brand} Customer Care",
  },
  {
    name: "Need order number",
    body: "Hello {name},\n\nThank you for writing. Could you send us your order number so we can look into this?\n\n{brand} Customer Care",
  },
];

export function readMacros(brand: string): Macro[] {
  try {
    const raw = localStorage.getItem(KEY(brand));
    return raw ? (JSON.parse(raw) as Macro[]) : [...STARTERS];
  } catch {
    return [...STARTERS];
  }
}

export function writeMacros(brand: string, macros: readonly Macro[]): void {
  localStorage.setItem(KEY(brand), JSON.stringify(macros));
}

export function useMacros(brand: string): Macro[] {
  const [macros, setMacros] = useState<Macro[]>(() => (brand ? readMacros(brand) : []));
  useEffect(() => setMacros(brand ? readMacros(brand) : []), [brand]);
  return macros;
}

/** Fills the placeholders; an unknown one stays visible so the agent notices it. */
export function applyMacro(body: string, values: Record<string, string>): string {
  const withDate = { date: new Date(Date.now() + 5 * 86_400_000).toLocaleDateString(), ...values };
  return body.replace(/\{(\w+)\}/g, (whole, key: string) => withDate[key as keyof typeof withDate] || whole);
}
