// Money: refunds with their state (e-cheques waiting to clear show as pending clearance) and the
// store-credit ledger, per shopper when an email is given; every row says who did it and when.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { dateTime, humanize, money } from "../../shared/format.ts";
import { Badge, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { Problem, TextInput } from "../ui.tsx";

interface Refund {
  id: string;
  orderNumber: string;
  email: string;
  kind: string;
  method: string;
  amount: number;
  currency: string;
  reason: string | null;
  status: string;
  issuedBy: string | null;
  createdAt: string;
  rmaNumber: string | null;
}
interface Ledger {
  rows: {
    id: string;
    email: string;
    amount: number;
    currency: string;
    reason: string;
    source: string | null;
    actor: string | null;
    createdAt: string;
  }[];
  balances: { currency: string; amount: number }[];
}

export default function Money() {
  const [status, setStatus] = useState("");
  const [email, setEmail] = useState("");
  const [shopper, setShopper] = useState("");
  const refunds = useQuery({
    queryKey: ["refunds", status],
    queryFn: () => staff<{ refunds: Refund[] }>(`/desk/refunds${status ? `?status=${status}` : ""}`),
  });
  const ledger = useQuery({
    queryKey: ["ledger", shopper],
    queryFn: () =>
      staff<Ledger>(`/desk/store-credit${shopper ? `?email=${encodeURIComponent(shopper)}` : ""}`),
  });
  return (
    <>
      <h1>Money</h1>
      <h2>Refunds</h2>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="refund-status">State</label>
          <select id="refund-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            <option value="issued">Issued</option>
            <option value="pending_clearance">Waiting for the payment to clear</option>
          </select>
        </div>
      </div>
      <Problem error={refunds.error} />
      {refunds.isPending ? <Loading what="refunds" /> : null}
      {refunds.data ? (
        <table className="queue">
          <caption className="sr-only">Refunds</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Order</th>
              <th scope="col">What</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">State</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {refunds.data.refunds.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.createdAt)}</td>
                <td>
                  {r.orderNumber}
                  <div className="muted">{r.email}</div>
                </td>
                <td>
                  {humanize(r.kind)} to {humanize(r.method)}
                  {r.rmaNumber ? ` · ${r.rmaNumber}` : ""}
                  {r.reason ? <div className="muted">{r.reason}</div> : null}
                </td>
                <td className="num">{money(r.amount, r.currency)}</td>
                <td>
                  {r.status === "pending_clearance" ? (
                    <Badge kind="warn">Waiting to clear</Badge>
                  ) : (
                    humanize(r.status)
                  )}
                </td>
                <td>{r.issuedBy ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {refunds.data?.refunds.length === 0 ? <p>No refunds yet.</p> : null}
      <h2>Store credit</h2>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setShopper(email.trim());
        }}
      >
        <TextInput id="credit-email" label="Shopper email" type="email" value={email} onChange={setEmail} />
        <button type="submit">Show ledger</button>
      </form>
      <Problem error={ledger.error} />
      {shopper && ledger.data ? (
        <p>
          Balance of {shopper}:{" "}
          {ledger.data.balances.length
            ? ledger.data.balances.map((b) => money(b.amount, b.currency)).join(", ")
            : "nothing"}
        </p>
      ) : null}
      {ledger.data ? (
        <table className="queue">
          <caption className="sr-only">Store-credit ledger</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Shopper</th>
              <th scope="col">Reason</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {ledger.data.rows.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.createdAt)}</td>
                <td>{r.email}</td>
                <td>
                  {r.reason}
                  {r.source ? <div className="muted">{r.source}</div> : null}
                </td>
                <td className="num">{money(r.amount, r.currency)}</td>
                <td>{r.actor ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
