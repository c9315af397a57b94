// One case: the thread (photos open in the viewer, other files download), the linked order with its
// payments, shipments, returns (each with the policy's answer and clauses), the shopper's requests and
// store credit, and the actions — reply (with a macro), ask for more information, internal note,
// assign, status, merge a duplicate, approve or decline a request, review a return, change or cancel
// the order, store credit and goodwill refund. Each action is one API call, so it goes through the same
// use case and audit as any other caller.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { date, dateTime, humanize, money } from "../../shared/format.ts";
import { Alert, Badge, Loading } from "../../shared/ui.tsx";
import { idempotencyKey, staff } from "../api.ts";
import { assignCase, type CaseDetail, type CaseMessage, markSeen, setStatus } from "../cases.ts";
import { applyMacro, useMacros } from "../macros.ts";
import { type DeskOrder, findReturnByRma, getOrder, getReturn } from "../orders.ts";
import { useBrands, useUser } from "../session.tsx";
import { Problem, SlaBadge, slaState, TextInput } from "../ui.tsx";
import { ActForShopper, MergeDuplicates, OrderRequestsPanel, ReviewReturn } from "./case-actions.tsx";
import { useColleagues } from "./inbox.tsx";

export function CasePage() {
  const id = useParams().id ?? "";
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ["case", id],
    queryFn: () => staff<CaseDetail>(`/desk/cases/${encodeURIComponent(id)}`),
    refetchInterval: 10_000,
  });
  useEffect(() => {
    if (detail.data) markSeen(id, detail.data.case.updatedAt);
  }, [detail.data, id]);
  if (detail.isPending) return <Loading what="the case" />;
  if (detail.isError) return <Problem error={detail.error} />;
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["case", id] });
    void client.invalidateQueries({ queryKey: ["cases"] });
  };
  return <CaseView detail={detail.data} refresh={refresh} />;
}

function CaseView(props: { detail: CaseDetail; refresh: () => void }) {
  const { detail } = props;
  const c = detail.case;
  const user = useUser();
  const brands = useBrands();
  const brand = brands.data?.find((b) => b.id === c.brandId);
  const colleagues = useColleagues();
  const order = useQuery({
    queryKey: ["order", c.orderId],
    queryFn: () => getOrder(c.orderId ?? ""),
    enabled: c.orderId !== null,
  });
  const status = useMutation({ mutationFn: (s: string) => setStatus(c.id, s), onSuccess: props.refresh });
  const assign = useMutation({
    mutationFn: (to: string | null) => assignCase(c.id, to),
    onSuccess: props.refresh,
  });

  return (
    <>
      <p>
        <Link to="/inbox">← Inbox</Link>
      </p>
      <h1>{c.subject}</h1>
      <p>
        {brand?.name} · {c.customerEmail} · {c.channel ? humanize(c.channel) : "no channel"} ·{" "}
        <Badge>{humanize(c.status)}</Badge> <SlaBadge state={slaState(c)} />
        {c.slaDueAt ? <> · answer due {dateTime(c.slaDueAt)}</> : null}
      </p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="case-assignee">Assignee</label>
          <select
            id="case-assignee"
            value={c.assigneeId ?? ""}
            onChange={(e) => assign.mutate(e.target.value || null)}
          >
            <option value="">Unassigned</option>
            {(colleagues.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.id === user.id ? `Me (${p.name})` : p.name}
              </option>
            ))}
          </select>
        </div>
        {c.assigneeId !== user.id ? (
          <button type="button" className="secondary" onClick={() => assign.mutate(user.id)}>
            Assign to me
          </button>
        ) : null}
        <div className="field">
          <label htmlFor="case-status">Status</label>
          <select id="case-status" value={c.status} onChange={(e) => status.mutate(e.target.value)}>
            {["open", "pending", "resolved", "closed"].map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => status.mutate("resolved")} disabled={c.status === "resolved"}>
          Solve
        </button>
      </div>
      <Problem error={status.error ?? assign.error} />
      <div className="split">
        <section aria-labelledby="thread-h">
          <h2 id="thread-h">Conversation</h2>
          <Thread caseId={c.id} messages={detail.messages} />
          <Composer
            caseId={c.id}
            brandSlug={brand?.slug ?? ""}
            brandName={brand?.name ?? ""}
            shopper={c.customerEmail}
            orderNumber={detail.orderNumber}
            order={order.data}
            onSent={props.refresh}
          />
          {c.mergedInto ? (
            <Alert kind="info">
              Merged into <Link to={`/cases/${c.mergedInto}`}>another case</Link>; answer there.
            </Alert>
          ) : (
            <MergeDuplicates
              caseId={c.id}
              email={c.customerEmail}
              brandSlug={brand?.slug ?? ""}
              onMerged={props.refresh}
            />
          )}
        </section>
        <aside aria-labelledby="order-h">
          <h2 id="order-h">Order {detail.orderNumber ?? ""}</h2>
          {c.orderId === null ? (
            <p className="muted">This case is not linked to an order.</p>
          ) : order.isPending ? (
            <Loading what="the order" />
          ) : order.isError ? (
            <Problem error={order.error} />
          ) : (
            <OrderPanel order={order.data} orderId={c.orderId} onChange={props.refresh} />
          )}
        </aside>
      </div>
    </>
  );
}

function Thread(props: { caseId: string; messages: readonly CaseMessage[] }) {
  const [photo, setPhoto] = useState<string | null>(null);
  return (
    <>
      <ol className="thread">
        {props.messages.map((m) => (
          <li
            key={m.id}
            className={m.internal ? "internal" : m.direction === "outbound" ? "outbound" : undefined}
          >
            <div className="meta">
              {m.internal ? "Internal note" : m.direction === "inbound" ? "Shopper" : humanize(m.authorType)}{" "}
              · {dateTime(m.createdAt)}
            </div>
            {m.body}
            {m.attachments?.length ? (
              <div className="photos">
                {m.attachments.map((a, i) => {
                  const url = `/api/v1/desk/cases/${encodeURIComponent(props.caseId)}/messages/${encodeURIComponent(m.id)}/attachments/${i}`;
                  const label = a.name ?? `attachment ${i + 1}`;
                  return a.contentType?.startsWith("image/") ? (
                    <button key={url} type="button" className="secondary" onClick={() => setPhoto(url)}>
                      View photo {i + 1}
                    </button>
                  ) : (
                    <a key={url} href={url} download={label}>
                      Download {label}
                      {a.sizeBytes ? ` (${Math.max(1, Math.round(a.sizeBytes / 1024))} KB)` : ""}
                    </a>
                  );
                })}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {photo ? (
        <dialog open aria-label="Photo">
          <img src={photo} alt="Attachment sent by the shopper" style={{ maxWidth: "100%" }} />
          <button type="button" onClick={() => setPhoto(null)}>
            Close
          </button>
        </dialog>
      ) : null}
    </>
  );
}

function Composer(props: {
  caseId: string;
  brandSlug: string;
  brandName: string;
  shopper: string;
  orderNumber: string | null;
  order: DeskOrder | undefined;
  onSent: () => void;
}) {
  const location = useLocation();
  const box = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const macros = useMacros(props.brandSlug).data ?? [];
  // {date}: the refund date promised on the order's open return, once the parcel has arrived.
  const open = props.order?.returns.find((r) => !["refunded", "closed", "rejected"].includes(r.status));
  const promised = useQuery({
    queryKey: ["promised", open?.rmaNumber],
    queryFn: async () => {
      const found = open ? await findReturnByRma(open.rmaNumber) : null;
      if (!found) return null;
      const p = await staff<{ refundExpectedBy: string | null }>(`/desk/returns/${found.id}/promises`);
      return p.refundExpectedBy;
    },
    enabled: open !== undefined,
  });
  useEffect(() => {
    if (location.hash === "#reply") box.current?.focus();
  }, [location.hash]);
  const send = useMutation({
    mutationFn: (kind: "replies" | "notes") =>
      staff(`/desk/cases/${encodeURIComponent(props.caseId)}/${kind}`, { body: { body: text } }),
    onSuccess: (_r, kind) => {
      setText("");
      setSent(kind === "notes" ? "Note added." : "Reply sent.");
      props.onSent();
    },
  });
  const values = {
    name: shopperName(props.order) ?? props.shopper.split("@")[0] ?? "",
    order: props.orderNumber ?? "",
    rma: open?.rmaNumber ?? props.order?.returns[0]?.rmaNumber ?? "",
    brand: props.brandName,
    date: promised.data ? date(promised.data) : "",
  };
  return (
    <form id="reply" className="card" onSubmit={(e) => e.preventDefault()}>
      <h3>Answer</h3>
      {macros.length ? (
        <div className="field">
          <label htmlFor="macro">Macro</label>
          <select
            id="macro"
            value=""
            onChange={(e) => {
              const m = macros.find((x) => x.name === e.target.value);
              if (m) setText(applyMacro(m.body, values));
            }}
          >
            <option value="">Choose a canned reply…</option>
            {macros.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="reply-body">Message</label>
        <textarea id="reply-body" ref={box} rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <p className="muted">A reply sets the case to pending until the shopper answers.</p>
      <Problem error={send.error} />
      {sent ? <Alert kind="ok">{sent}</Alert> : null}
      <div style={{ display: "flex", gap: "0.5rem" }}>
        <button
          type="button"
          disabled={!text.trim() || send.isPending}
          onClick={() => send.mutate("replies")}
        >
          Send reply
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!text.trim() || send.isPending}
          onClick={() => send.mutate("notes")}
        >
          Add internal note
        </button>
        <button
          type="button"
          className="secondary"
          disabled={send.isPending}
          onClick={() => {
            setText(applyMacro(ASK_FOR_INFORMATION, values));
            box.current?.focus();
          }}
        >
          Ask for more information
        </button>
      </div>
    </form>
  );
}

/** The starting text of a request for details; the agent edits it before sending. */
const ASK_FOR_INFORMATION = `Hello {name},

Thank you for getting in touch about order {order}. To look into this we need a little more from you:

- 
- a photo of the item and of its label or packaging, if something is wrong with it

Reply to this email with these and we will take it from there.`;

/** The first name on the order's delivery address, when it has one. */
function shopperName(order: DeskOrder | undefined): string | null {
  const address = order?.shippingAddress as { name?: unknown } | null | undefined;
  return typeof address?.name === "string" ? (address.name.trim().split(/\s+/)[0] ?? null) : null;
}

function OrderPanel(props: { order: DeskOrder; orderId: string; onChange: () => void }) {
  const o = props.order;
  const user = useUser();
  const desk = user.role === "admin" || user.role === "agent";
  const m = (n: number) => money(n, o.currency);
  return (
    <>
      <p>
        {humanize(o.status)} · placed {date(o.placedAt)} · {m(o.totals.total)}
        {o.payment ? (
          <>
            {" "}
            · paid by {humanize(o.payment.method)}{" "}
            {o.payment.cleared ? null : <Badge kind="warn">payment not cleared</Badge>}
          </>
        ) : null}
      </p>
      <table className="queue">
        <caption className="sr-only">Order lines</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => (
            <tr key={l.id}>
              <td>
                {l.title} <span className="muted">{l.sku}</span>
                {l.finalSale ? <Badge>final sale</Badge> : null}
                {l.returnedQuantity ? <Badge>{l.returnedQuantity} returned</Badge> : null}
              </td>
              <td className="num">{l.quantity}</td>
              <td className="num">{m(l.unitPrice)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Shipments</h3>
      {o.shipments.length === 0 ? <p className="muted">Not shipped yet.</p> : null}
      <ul>
        {o.shipments.map((s) => (
          <li key={`${s.courier}-${s.trackingNumber}`}>
            {s.courier} {s.trackingUrl ? <a href={s.trackingUrl}>{s.trackingNumber}</a> : s.trackingNumber} ·{" "}
            {humanize(s.status)}
            {s.deliveredAt ? ` · delivered ${date(s.deliveredAt)}` : ""}
          </li>
        ))}
      </ul>
      <h3>Returns</h3>
      {o.returns.length === 0 ? <p className="muted">No returns.</p> : null}
      {o.returns.map((r) => (
        <ReturnDecision
          key={r.rmaNumber}
          rma={r.rmaNumber}
          currency={o.currency}
          canReview={desk}
          onChange={props.onChange}
        />
      ))}
      <OrderRequestsPanel orderId={props.orderId} canResolve={desk} onChange={props.onChange} />
      <StoreCredit email={o.email} />
      {desk ? (
        <>
          <ActForShopper orderId={props.orderId} order={o} onChange={props.onChange} />
          <MoneyActions orderId={props.orderId} currency={o.currency} />
        </>
      ) : null}
    </>
  );
}

function ReturnDecision(props: { rma: string; currency: string; canReview: boolean; onChange: () => void }) {
  const client = useQueryClient();
  const ret = useQuery({
    queryKey: ["return-by-rma", props.rma],
    queryFn: async () => {
      const found = await findReturnByRma(props.rma);
      return found ? getReturn(found.id) : null;
    },
  });
  if (!ret.data) return <p>{props.rma}</p>;
  const r = ret.data;
  return (
    <div className="card">
      <strong>{r.return.rma_number}</strong> · {humanize(r.return.kind)} · {humanize(r.return.status)} ·
      quoted {money(r.return.quoted_amount, props.currency)}{" "}
      <Link to={`/returns/${r.return.id}`}>Open in returns desk</Link>
      <ul>
        {r.lines.map((l) => (
          <li key={l.id}>
            {l.title}: <strong>{humanize(l.outcome)}</strong>
            {l.reasons.map((why) => (
              <div key={why.code} className="muted">
                {why.message ?? humanize(why.code)}{" "}
                {why.clause ? <span className="clause">({why.clause})</span> : null}
              </div>
            ))}
          </li>
        ))}
      </ul>
      {props.canReview &&
      r.return.status === "requested" &&
      r.lines.some((l) => l.outcome === "needs_review") ? (
        <ReviewReturn
          returnId={r.return.id}
          rma={r.return.rma_number}
          onDone={() => {
            void client.invalidateQueries({ queryKey: ["return-by-rma", props.rma] });
            props.onChange();
          }}
        />
      ) : null}
    </div>
  );
}

function StoreCredit(props: { email: string }) {
  const credit = useQuery({
    queryKey: ["store-credit", props.email],
    queryFn: () =>
      staff<{ balances: { currency: string; amount: number }[] }>(
        `/desk/store-credit?email=${encodeURIComponent(props.email)}`,
      ),
    retry: false,
  });
  if (!credit.data) return null;
  return (
    <p>
      Store credit:{" "}
      {credit.data.balances.length
        ? credit.data.balances.map((b) => money(b.amount, b.currency)).join(", ")
        : "none"}
    </p>
  );
}

function MoneyActions(props: { orderId: string; currency: string }) {
  const client = useQueryClient();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (kind: "store-credit" | "goodwill-refund") => {
      const minor = Math.round(Number(amount) * 100);
      return staff(`/desk/orders/${encodeURIComponent(props.orderId)}/${kind}`, {
        body: { amount: minor, reason },
        headers: { "idempotency-key": idempotencyKey(kind) },
      });
    },
    onSuccess: (_r, kind) => {
      setDone(kind === "store-credit" ? "Store credit given." : "Goodwill refund issued.");
      setAmount("");
      setReason("");
      void client.invalidateQueries({ queryKey: ["store-credit"] });
    },
  });
  const valid = Number(amount) > 0 && reason.trim().length > 0;
  return (
    <form className="card" onSubmit={(e) => e.preventDefault()}>
      <h3>Goodwill</h3>
      <div className="field">
        <label htmlFor="goodwill-amount">Amount ({props.currency})</label>
        <input
          id="goodwill-amount"
          type="number"
          min="0.01"
          step="0.01"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </div>
      <TextInput id="goodwill-reason" label="Reason" value={reason} onChange={setReason} />
      <Problem error={act.error} />
      {done ? <Alert kind="ok">{done}</Alert> : null}
      <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
        <button type="button" disabled={!valid || act.isPending} onClick={() => act.mutate("store-credit")}>
          Give store credit
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!valid || act.isPending}
          onClick={() => act.mutate("goodwill-refund")}
        >
          Goodwill refund
        </button>
      </div>
    </form>
  );
}
