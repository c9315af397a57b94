// The console's calls: the shared request() with the staff session's CSRF value echoed on every unsafe
// method (the aftercare_csrf cookie is readable on purpose). The server decides what each role may do;
// the console only avoids offering what would be refused.
import { type RequestOptions, request } from "../shared/api.ts";

export type Role = "admin" | "agent" | "warehouse" | "partnerships";

export interface StaffUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly brand_id: string | null;
}

function csrf(): string | null {
  const match = /(?:^|;\s*)aftercare_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function staff<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined && !options.form ? "GET" : "POST");
  const headers: Record<string, string> = { ...options.headers };
  const token = csrf();
  if (method !== "GET" && token) headers["x-csrf-token"] = token;
  return request<T>(`/api/v1${path}`, { ...options, method, headers });
}

/** A fresh key per money action, so a double click cannot pay twice. */
export function idempotencyKey(what: string): string {
  return `${what}-${crypto.randomUUID()}`;
}

export interface Brand {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly currency: string;
  readonly timeZone: string;
}

/** What each role finds in the console; the server enforces the same lines route by route. */
export const CAN = {
  inbox: (r: Role) => r === "admin" || r === "agent",
  returns: (r: Role) => r !== "partnerships",
  refund: (r: Role) => r === "admin" || r === "agent",
  receive: (r: Role) => r === "admin" || r === "warehouse",
  qc: (r: Role) => r === "admin" || r === "warehouse",
  money: (r: Role) => r === "admin" || r === "agent",
  discounts: (r: Role) => r === "admin",
  collaborations: (r: Role) => r === "admin" || r === "partnerships",
  reports: (r: Role) => r === "admin" || r === "agent",
  settings: (r: Role) => r === "admin",
} as const;
