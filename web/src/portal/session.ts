// A shopper's session for one order of one brand, kept for this browser tab only (sessionStorage):
// closing the tab signs out, and nothing stays on a shared computer.
import { useSyncExternalStore } from "react";
import type { Session } from "./types.ts";

const key = (brand: string) => `aftercare.session.${brand}`;
const listeners = new Set<() => void>();

export function readSession(brand: string): Session | null {
  try {
    const raw = sessionStorage.getItem(key(brand));
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (new Date(session.expiresAt).getTime() <= Date.now()) {
      sessionStorage.removeItem(key(brand));
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(brand: string, session: Session | null): void {
  if (session) sessionStorage.setItem(key(brand), JSON.stringify(session));
  else sessionStorage.removeItem(key(brand));
  for (const l of listeners) l();
}

export function useSession(brand: string): Session | null {
  const raw = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => sessionStorage.getItem(key(brand)),
  );
  return raw ? readSession(brand) : null;
}
