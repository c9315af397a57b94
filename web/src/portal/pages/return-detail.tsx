// `/b/:brand/returns/:rma`: the return number, a printable packing slip, the promised dates in
// business days, the refund once issued, and the form to add the return parcel's tracking.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { explain, request } from "../../shared/api.ts";
import { date, humanize, money } from "../../shared/format.ts";
import { Alert, Badge, ErrorNote, Field, Loading } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import type { ReturnView, StartedReturn } from "../types.ts";
import { useOrder, useToken } from "../use-order.ts";

export default function ReturnDetail() {
  const { slug, profile } = useBrand();
  const rma = useParams().rma ?? "";
  const token = useToken();
  const order = useOrder();
  const started = (useLocation().state as { started?: StartedReturn } | null)?.started;
  const view = useQuery({
    queryKey: ["return", slug, rma],
    queryFn: () => request<ReturnView>(`/api/v1/shopper/returns/${encodeURIComponent(rma)}`, { token }),
  });
  if (view.isPending) return <Loading what="your return" />;
  if (view.isError) return <ErrorNote error={view.error} />;
  const r = view.data;
  const accepted = r.lines.filter((l) => l.outcome === "approved" || l.outcome === "needs_review");
  const refunded = r.refunds.length > 0;
  return (
    <>
      {started ? (
        <Alert kind="ok" title="Your return is booked.">
          Your return number is <strong>{r.rma}</strong>. We have emailed it to you too.
        </Alert>
      ) : null}
      <h1>
        Return {r.rma} <Badge kind={refunded ? "ok" : undefined}>{humanize(r.status)}</Badge>
      </h1>

      <section className="slip" aria-label="Packing slip">
        <p className="muted">{profile.name} · packing slip</p>
        <p className="rma">{r.rma}</p>
        <p>
          Order {order.data?.number ?? ""} · {date(r.requestedAt, profile.timeZone)}
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Qty
              </th>
            </tr>
          </thead>
          <tbody>
            {accepted.map((l) => (
              <tr key={l.lineId}>
                <td>{l.title}</td>
                <td className="num">{l.quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>How to pack it</h2>
        <ol>
          {(started?.packingInstructions.length
            ? started.packingInstructions
            : [
                `Put this slip inside the parcel and write ${r.rma} on the outside.`,
                "Send only the items listed above.",
              ]
          ).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
        {r.promises.deadline ? (
          <p>
            Send it by <strong>{r.promises.deadline}</strong>.
          </p>
        ) : null}
        <div className="actions no-print">
          <button type="button" onClick={() => window.print()}>
            Print packing slip
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="dates-h" style={{ marginTop: "1rem" }}>
        <h2 id="dates-h" style={{ marginTop: 0 }}>
          What happens next
        </h2>
        <ul className="list">
          <li>Arrives at our warehouse: {r.promises.arrivedAt ? date(r.promises.arrivedAt) : "not yet"}</li>
          {r.promises.stages.map((s) => (
            <li key={s.name}>
              {humanize(s.name)}: within {s.businessDays} business days
              {s.expectedBy ? (
                <>
                  {" "}
                  · by <strong>{s.expectedBy}</strong>
                </>
              ) : (
                " of arrival"
              )}
            </li>
          ))}
          {r.promises.refundExpectedBy ? (
            <li>
              Refund expected by <strong>{r.promises.refundExpectedBy}</strong>
            </li>
          ) : null}
        </ul>
        <p>
          Quoted {r.kind === "exchange" ? "value" : "refund"}:{" "}
          <strong>{money(r.quotedAmount, r.currency)}</strong>
        </p>
        {r.refunds.map((f) => (
          <Alert key={f.createdAt} kind="ok" title="Refund issued.">
            {money(f.amount, f.currency)}{" "}
            {f.method === "store_credit" ? "as store credit" : "to your original payment method"} on{" "}
            {date(f.createdAt)} ({humanize(f.status)}).
          </Alert>
        ))}
        {r.review ? (
          <Alert
            kind={r.review.decision === "approved" ? "ok" : "warn"}
            title={`Review: ${humanize(r.review.decision)}.`}
          >
            {r.review.reason}
          </Alert>
        ) : null}
      </section>

      {["authorized", "requested", "approved", "awaiting_shipment"].includes(r.status) ||
      !r.promises.arrivedAt ? (
        <AddTracking rma={r.rma} />
      ) : null}
      <p>
        <Link to={`/b/${slug}/order`}>Back to the order</Link>
      </p>
    </>
  );
}

function AddTracking(props: { rma: string }) {
  const token = useToken();
  const { slug } = useBrand();
  const queries = useQueryClient();
  const [courier, setCourier] = useState("");
  const [number, setNumber] = useState("");
  const save = useMutation({
    mutationFn: () =>
      request(`/api/v1/shopper/returns/${encodeURIComponent(props.rma)}/tracking`, {
        body: { courier: courier.trim(), trackingNumber: number.trim() },
        token,
      }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["return", slug, props.rma] }),
  });
  return (
    <form
      className="card no-print"
      aria-labelledby="tracking-h"
      onSubmit={(e) => {
        e.preventDefault();
        if (courier.trim() && number.trim()) save.mutate();
      }}
    >
      <h2 id="tracking-h" style={{ marginTop: 0 }}>
        Sent it? Add the tracking number
      </h2>
      <Field label="Courier" error={save.isError && !courier.trim() ? "Enter the courier." : undefined}>
        {(f) => <input id={f.id} type="text" value={courier} onChange={(e) => setCourier(e.target.value)} />}
      </Field>
      <Field label="Tracking number">
        {(f) => <input id={f.id} type="text" value={number} onChange={(e) => setNumber(e.target.value)} />}
      </Field>
      {save.isSuccess ? <Alert kind="ok">Thanks: we will follow the parcel back to us.</Alert> : null}
      {save.isError ? <Alert kind="bad">{explain(save.error)}</Alert> : null}
      <div className="actions">
        <button type="submit" disabled={!courier.trim() || !number.trim() || save.isPending}>
          Save tracking
        </button>
      </div>
    </form>
  );
}
