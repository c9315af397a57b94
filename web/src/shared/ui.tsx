// Small building blocks every page uses, so labels, errors and states look and behave the same.
import { type ReactNode, useId } from "react";
import { explain } from "./api.ts";

export function Alert(props: { kind: "info" | "ok" | "warn" | "bad"; title?: string; children?: ReactNode }) {
  // Errors interrupt (role=alert); confirmations and notes are announced politely.
  return (
    <div className={`alert ${props.kind}`} role={props.kind === "bad" ? "alert" : "status"}>
      {props.title ? <strong>{props.title} </strong> : null}
      {props.children}
    </div>
  );
}

export function ErrorNote(props: { error: unknown; title?: string }) {
  if (!props.error) return null;
  return (
    <Alert kind="bad" title={props.title}>
      {explain(props.error)}
    </Alert>
  );
}

export function Loading(props: { what?: string }) {
  return (
    <p className="muted" role="status">
      Loading{props.what ? ` ${props.what}` : ""}…
    </p>
  );
}

export function Field(props: {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children({ id, describedBy: describedBy || undefined, invalid: Boolean(props.error) })}
      {props.error ? (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function Badge(props: { kind?: "ok" | "bad" | "warn"; children: ReactNode }) {
  return <span className={`badge ${props.kind ?? ""}`}>{props.children}</span>;
}
