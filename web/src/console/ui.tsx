// Console building blocks on top of the shared ones: an error line that speaks to staff, the SLA badge.
import type { ReactNode } from "react";
import { ApiError } from "../shared/api.ts";
import { Alert, Badge } from "../shared/ui.tsx";

export function Problem(props: { error: unknown; title?: string }) {
  if (!props.error) return null;
  const e = props.error;
  const text =
    e instanceof ApiError
      ? e.status === 401
        ? "Your session has ended. Sign in again."
        : e.status >= 500
          ? `Something went wrong on the server (${e.status}). Try again.`
          : e.message
      : "Something went wrong. Try again.";
  return (
    <Alert kind="bad" title={props.title}>
      {text}
    </Alert>
  );
}

export type SlaState = "breached" | "due" | "ok" | "none";

/** Breached when the first answer came late or the due time passed unanswered; due within 2 hours. */
export function slaState(
  c: { slaDueAt?: string | null; firstResponseAt?: string | null; status?: string },
  now = Date.now(),
): SlaState {
  if (!c.slaDueAt) return "none";
  const due = new Date(c.slaDueAt).getTime();
  if (c.firstResponseAt) return new Date(c.firstResponseAt).getTime() > due ? "breached" : "ok";
  if (c.status === "resolved" || c.status === "closed") return "ok";
  if (now > due) return "breached";
  return due - now < 2 * 3_600_000 ? "due" : "ok";
}

export function SlaBadge(props: { state: SlaState }) {
  if (props.state === "breached") return <Badge kind="bad">SLA breached</Badge>;
  if (props.state === "due") return <Badge kind="warn">SLA due soon</Badge>;
  return null;
}

/** Downloads rows as a CSV file (RFC 4180 quoting). */
export function downloadCsv(name: string, rows: readonly (readonly (string | number | null)[])[]): void {
  const text = rows
    .map((r) =>
      r
        .map((v) => {
          const s = v === null ? "" : String(v);
          return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(","),
    )
    .join("\r\n");
  const url = URL.createObjectURL(new Blob([`${text}\r\n`], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A wide table that scrolls sideways on a narrow screen; focusable, so keyboard users can scroll it too. */
export function TableScroll(props: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <section className="table-scroll" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}

/** A labelled one-line input: the console's forms are mostly these. */
export function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password" | "number" | "date" | "search" | "url";
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
