// What an agent does to the order and the case beyond replying: answer the shopper's pending change and
// cancellation requests, change or cancel the order on the shopper's behalf, decide a return the policy
// left to a person, and fold a duplicate case into this one. Every button is one API call to the same
// use case the shopper's own routes use, so the policy, the audit and the emails are the same.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { dateTime, humanize, money } from "../../shared/format.ts";
import { Alert, Badge } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { listCases } from "../cases.ts";
import type { DeskOrder } from "../orders.ts";
import { Problem, TextInput } from "../ui.tsx";

interface OrderRequests {
  amendments: {
    id: string;
    status: string;
    changes: unknown;
    createdAt: string;
    resolvedAt: string | null;
  }[];
  cancellations: {
    id: string;
    status: string;
    reason: string | null;
    amount: number;
    currency: string;
    createdAt: string;
    resolvedAt: string | null;
  }[];
  claims: { id: string; kind: string; status: string; createdAt: string }[];
}

interface PolicyAnswer {
  status: string;
  decision?: { outcome: string; reasons?: { code: string; message?: string }[] };
  refund?: { amount: number; currency: string; method: string } | null;
}

const orderPath = (orderId: string) => `/desk/orders/${encodeURIComponent(orderId)}`;

/** A pending change request as words: "delivery address: 4 Mill Lane, Leeds LS1 4AB, GB · phone: …". */
export function describeChanges(changes: unknown): string {
  if (!changes || typeof changes !== "object") return "";
  const c = changes as { shippingAddress?: Record<string, unknown>; phone?: unknown; email?: unknown };
  const parts: string[] = [];
  if (c.shippingAddress) {
    const a = c.shippingAddress;
    const place = [a.line1, a.line2, a.city, a.postalCode, a.country].filter(
      (x) => typeof x === "string" && x,
    );
    parts.push(`delivery address: ${place.join(", ")}`);
  }
  if (typeof c.phone === "string") parts.push(`phone: ${c.phone}`);
  if (typeof c.email === "string") parts.push(`email: ${c.email}`);
  return parts.join(" · ");
}

/** The shopper's change and cancellation requests and claims on this order, with approve and decline. */
export function OrderRequestsPanel(props: { orderId: string; canResolve: boolean; onChange: () => void }) {
  const client = useQueryClient();
  const requests = useQuery({
    queryKey: ["order-requests", props.orderId],
    queryFn: () => staff<OrderRequests>(`${orderPath(props.orderId)}/requests`),
  });
  const [note, setNote] = useState("");
  const resolve = useMutation({
    mutationFn: (p: { kind: "amendments" | "cancellations"; id: string; approve: boolean }) =>
      staff(`/desk/${p.kind}/${encodeURIComponent(p.id)}/resolve`, {
        body: { approve: p.approve, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: () => {
      setNote("");
      void client.invalidateQueries({ queryKey: ["order-requests", props.orderId] });
      void client.invalidateQueries({ queryKey: ["order", props.orderId] });
      props.onChange();
    },
  });
  const r = requests.data;
  if (requests.isError) return <Problem error={requests.error} />;
  if (!r) return null;
  const total = r.amendments.length + r.cancellations.length + r.claims.length;
  const pending = [
    ...r.amendments.filter((a) => a.status === "pending"),
    ...r.cancellations.filter((c) => c.status === "pending"),
  ];
  return (
    <section aria-labelledby="requests-h">
      <h3 id="requests-h">Requests on this order</h3>
      {total === 0 ? (
        <p className="muted">The shopper has asked for no change, cancellation or claim.</p>
      ) : null}
      <ul className="requests">
        {r.amendments.map((a) => (
          <li key={a.id}>
            <strong>Change</strong>{" "}
            <Badge kind={a.status === "pending" ? "warn" : undefined}>{humanize(a.status)}</Badge>{" "}
            {describeChanges(a.changes)} <span className="muted">· asked {dateTime(a.createdAt)}</span>
            {a.status === "pending" && props.canResolve ? (
              <ResolveButtons
                what="change"
                busy={resolve.isPending}
                onResolve={(approve) => resolve.mutate({ kind: "amendments", id: a.id, approve })}
              />
            ) : null}
          </li>
        ))}
        {r.cancellations.map((c) => (
          <li key={c.id}>
            <strong>Cancellation</strong>{" "}
            <Badge kind={c.status === "pending" ? "warn" : undefined}>{humanize(c.status)}</Badge>{" "}
            {c.amount > 0 ? `${money(c.amount, c.currency)} to refund` : "refund set when approved"}
            {c.reason ? ` · “${c.reason}”` : ""}{" "}
            <span className="muted">· asked {dateTime(c.createdAt)}</span>
            {c.status === "pending" && props.canResolve ? (
              <ResolveButtons
                what="cancellation"
                busy={resolve.isPending}
                onResolve={(approve) => resolve.mutate({ kind: "cancellations", id: c.id, approve })}
              />
            ) : null}
          </li>
        ))}
        {r.claims.map((c) => (
          <li key={c.id}>
            <strong>{humanize(c.kind)} claim</strong> <Badge>{humanize(c.status)}</Badge>{" "}
            <span className="muted">· {dateTime(c.createdAt)}</span> <Link to="/qc">Quality control</Link>
          </li>
        ))}
      </ul>
      {pending.length && props.canResolve ? (
        <TextInput
          id="resolve-note"
          label="Note for the decision (kept in the audit log)"
          value={note}
          onChange={setNote}
        />
      ) : null}
      <Problem error={resolve.error} />
      {resolve.isSuccess ? <Alert kind="ok">Decision recorded; the shopper is told by email.</Alert> : null}
    </section>
  );
}

function ResolveButtons(props: { what: string; busy: boolean; onResolve: (approve: boolean) => void }) {
  return (
    <span className="inline-actions">
      <button type="button" disabled={props.busy} onClick={() => props.onResolve(true)}>
        Approve {props.what}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={props.busy}
        onClick={() => props.onResolve(false)}
      >
        Decline
      </button>
    </span>
  );
}

function answerText(answer: PolicyAnswer, what: "change" | "cancellation"): string {
  const why = answer.decision?.reasons?.map((r) => r.message ?? humanize(r.code)).join(" ") ?? "";
  if (answer.status === "pending")
    return `The policy leaves this ${what} to a person: it waits for approval. ${why}`;
  if (what === "cancellation" && answer.status === "cancelled") {
    const refund = answer.refund
      ? ` ${money(answer.refund.amount, answer.refund.currency)} goes back by ${humanize(answer.refund.method)}.`
      : "";
    return `Order cancelled.${refund}`;
  }
  return `${humanize(answer.status)}. ${why}`.trim();
}

/** Change the delivery details or cancel the order for the shopper; the policy answers as for the shopper. */
export function ActForShopper(props: { orderId: string; order: DeskOrder; onChange: () => void }) {
  const client = useQueryClient();
  const address = (props.order.shippingAddress ?? {}) as Record<string, string | undefined>;
  const [form, setForm] = useState({
    line1: address.line1 ?? "",
    line2: address.line2 ?? "",
    city: address.city ?? "",
    postalCode: address.postalCode ?? address.postcode ?? "",
    country: address.country ?? "",
    phone: "",
    email: "",
  });
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const done = () => {
    void client.invalidateQueries({ queryKey: ["order", props.orderId] });
    void client.invalidateQueries({ queryKey: ["order-requests", props.orderId] });
    props.onChange();
  };
  const amend = useMutation({
    mutationFn: () => {
      const changed =
        form.line1 !== (address.line1 ?? "") ||
        form.line2 !== (address.line2 ?? "") ||
        form.city !== (address.city ?? "") ||
        form.postalCode !== (address.postalCode ?? address.postcode ?? "") ||
        form.country !== (address.country ?? "");
      const body: Record<string, unknown> = {};
      if (changed) {
        body.shippingAddress = {
          ...(address.name ? { name: address.name } : {}),
          line1: form.line1,
          ...(form.line2 ? { line2: form.line2 } : {}),
          city: form.city,
          ...(form.postalCode ? { postalCode: form.postalCode } : {}),
          country: form.country.toUpperCase(),
        };
      }
      if (form.phone.trim()) body.phone = form.phone.trim();
      if (form.email.trim()) body.email = form.email.trim();
      return staff<PolicyAnswer>(`${orderPath(props.orderId)}/amend`, { body });
    },
    onSuccess: done,
  });
  const cancel = useMutation({
    mutationFn: () =>
      staff<PolicyAnswer>(`${orderPath(props.orderId)}/cancel`, {
        body: { reason: reason.trim() || "asked the care team" },
      }),
    onSuccess: () => {
      setConfirming(false);
      done();
    },
  });
  const set = (k: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  const submitAmend = (e: FormEvent) => {
    e.preventDefault();
    amend.mutate();
  };
  const closed = ["cancelled", "refunded"].includes(props.order.status);
  return (
    <details className="card">
      <summary>Change or cancel for the shopper</summary>
      <form onSubmit={submitAmend} aria-label="Change delivery details">
        <h4>Delivery details</h4>
        <div className="grid two">
          <TextInput id="amend-line1" label="Address line 1" value={form.line1} onChange={set("line1")} />
          <TextInput id="amend-line2" label="Address line 2" value={form.line2} onChange={set("line2")} />
          <TextInput id="amend-city" label="City" value={form.city} onChange={set("city")} />
          <TextInput
            id="amend-postcode"
            label="Postal code"
            value={form.postalCode}
            onChange={set("postalCode")}
          />
          <TextInput
            id="amend-country"
            label="Country (2 letters)"
            value={form.country}
            onChange={set("country")}
          />
          <TextInput id="amend-phone" label="New phone" value={form.phone} onChange={set("phone")} />
          <TextInput id="amend-email" label="New email" value={form.email} onChange={set("email")} />
        </div>
        <Problem error={amend.error} />
        {amend.data ? <Alert kind="ok">{answerText(amend.data, "change")}</Alert> : null}
        <button type="submit" disabled={amend.isPending || closed}>
          Change order
        </button>
      </form>
      <h4>Cancel the order</h4>
      <TextInput id="cancel-reason" label="Cancellation reason" value={reason} onChange={setReason} />
      <Problem error={cancel.error} />
      {cancel.data ? <Alert kind="ok">{answerText(cancel.data, "cancellation")}</Alert> : null}
      {confirming ? (
        <span className="inline-actions">
          <button
            type="button"
            className="danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            Yes, cancel order {props.order.number}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep the order
          </button>
        </span>
      ) : (
        <button type="button" className="secondary" disabled={closed} onClick={() => setConfirming(true)}>
          Cancel order…
        </button>
      )}
    </details>
  );
}

/** A return the policy left to a person (e.g. a fault on a final-sale item): authorise or refuse. */
export function ReviewReturn(props: { returnId: string; rma: string; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      staff<{ status: string }>(`/desk/returns/${encodeURIComponent(props.returnId)}/decision`, {
        body: { approve, reason: reason.trim() },
      }),
    onSuccess: props.onDone,
  });
  const id = `review-${props.returnId}`;
  return (
    <div className="review">
      <div className="field">
        <label htmlFor={id}>Reason for the decision on {props.rma} (the shopper sees it when refused)</label>
        <input id={id} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <Problem error={decide.error} />
      {decide.data ? <Alert kind="ok">Return {humanize(decide.data.status)}.</Alert> : null}
      <span className="inline-actions">
        <button
          type="button"
          disabled={!reason.trim() || decide.isPending}
          onClick={() => decide.mutate(true)}
        >
          Approve return
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!reason.trim() || decide.isPending}
          onClick={() => decide.mutate(false)}
        >
          Refuse return
        </button>
      </span>
    </div>
  );
}

/** Other open cases from the same shopper, each foldable into this one. */
export function MergeDuplicates(props: {
  caseId: string;
  email: string;
  brandSlug: string;
  onMerged: () => void;
}) {
  const others = useQuery({
    queryKey: ["cases", "same-shopper", props.email, props.brandSlug],
    queryFn: () => listCases({ q: props.email, ...(props.brandSlug ? { brand: props.brandSlug } : {}) }),
  });
  const merge = useMutation({
    mutationFn: (duplicateId: string) =>
      staff(`/desk/cases/${encodeURIComponent(props.caseId)}/merge`, { body: { duplicateId } }),
    onSuccess: props.onMerged,
  });
  const list = (others.data?.cases ?? []).filter(
    (c) => c.id !== props.caseId && !c.mergedInto && c.status !== "closed" && c.customerEmail === props.email,
  );
  if (list.length === 0 && !merge.isSuccess) return null;
  return (
    <section className="card" aria-labelledby="merge-h">
      <h3 id="merge-h">Other cases from this shopper</h3>
      <ul>
        {list.map((c) => (
          <li key={c.id}>
            <Link to={`/cases/${c.id}`}>{c.subject}</Link>{" "}
            <span className="muted">· {dateTime(c.updatedAt)}</span>{" "}
            <button
              type="button"
              className="secondary"
              disabled={merge.isPending}
              onClick={() => merge.mutate(c.id)}
            >
              Merge into this case
            </button>
          </li>
        ))}
      </ul>
      <Problem error={merge.error} />
      {merge.isSuccess ? (
        <Alert kind="ok">Merged: its messages are in this thread and it is closed.</Alert>
      ) : null}
    </section>
  );
}
