// The returns desk: a scanner types the RMA and presses Enter; the parcel is logged as received, each
// item inspected against the brand's conditions, and the return refunded (less the fee the policy
// takes) or the exchange sent.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { date, dateTime, humanize, money } from "../../shared/format.ts";
import { Alert, Badge, Loading } from "../../shared/ui.tsx";
import { CAN, idempotencyKey, staff } from "../api.ts";
import { findReturnByRma, getReturn, type ReturnDetail } from "../orders.ts";
import { useUser } from "../session.tsx";
import { Problem } from "../ui.tsx";

interface ReturnRow {
  id: string;
  rma_number: string;
  kind: string;
  status: string;
  quoted_amount: number;
  currency: string;
  created_at: string;
}

export function ReturnsDesk() {
  const id = useParams().id;
  const navigate = useNavigate();
  const scan = useRef<HTMLInputElement>(null);
  const [rma, setRma] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const queue = useQuery({
    queryKey: ["returns", status],
    queryFn: () =>
      staff<{ returns: ReturnRow[] }>(`/desk/returns?limit=100${status ? `&status=${status}` : ""}`),
    refetchInterval: 15_000,
  });
  useEffect(() => {
    if (!id) scan.current?.focus();
  }, [id]);
  const find = useMutation({
    mutationFn: (value: string) => findReturnByRma(value),
    onSuccess: (found, value) => {
      if (found) {
        setMissing(null);
        setRma("");
        void navigate(`/returns/${found.id}`);
      } else setMissing(value);
    },
  });
  return (
    <>
      <h1>Returns desk</h1>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (rma.trim()) find.mutate(rma.trim());
        }}
      >
        <div className="field">
          <label htmlFor="rma-scan">RMA number</label>
          <input
            id="rma-scan"
            ref={scan}
            type="text"
            autoComplete="off"
            placeholder="Scan or type, then Enter"
            value={rma}
            onChange={(e) => setRma(e.target.value)}
          />
        </div>
        <button type="submit">Find</button>
      </form>
      {missing ? <Alert kind="warn">No return has the RMA number {missing}.</Alert> : null}
      <Problem error={find.error} />
      {id ? <ReturnWork id={id} /> : null}
      <h2>Queue</h2>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="returns-status">Status</label>
          <select id="returns-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {[
              "requested",
              "authorized",
              "in_transit",
              "received",
              "inspected",
              "refunded",
              "closed",
              "rejected",
            ].map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {queue.isPending ? <Loading what="returns" /> : null}
      <Problem error={queue.error} />
      {queue.data ? (
        <table className="queue">
          <caption className="sr-only">Returns</caption>
          <thead>
            <tr>
              <th scope="col">RMA</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Quoted
              </th>
              <th scope="col">Requested</th>
            </tr>
          </thead>
          <tbody>
            {queue.data.returns.map((r) => (
              <tr key={r.id} className={r.id === id ? "selected" : undefined}>
                <td>
                  <Link to={`/returns/${r.id}`}>{r.rma_number}</Link>
                </td>
                <td>{humanize(r.kind)}</td>
                <td>{humanize(r.status)}</td>
                <td className="num">{money(r.quoted_amount, r.currency)}</td>
                <td>{dateTime(r.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

type Checks = Record<string, boolean>;
const CONDITIONS: readonly [string, string][] = [
  ["tagsAttached", "Tags attached"],
  ["worn", "Worn"],
  ["washed", "Washed"],
  ["perfumeResidue", "Perfume residue"],
  ["originalPackaging", "Original packaging"],
  ["hygieneStripIntact", "Hygiene strip intact"],
];

function ReturnWork(props: { id: string }) {
  const client = useQueryClient();
  const user = useUser();
  const ret = useQuery({ queryKey: ["return", props.id], queryFn: () => getReturn(props.id) });
  const promises = useQuery({
    queryKey: ["return", props.id, "promises"],
    queryFn: () => staff<Promises>(`/desk/returns/${props.id}/promises`),
  });
  const [promise, setPromise] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["return", props.id] });
    void client.invalidateQueries({ queryKey: ["returns"] });
  };
  const receive = useMutation({
    mutationFn: () =>
      staff<{ refundExpectedBy: string | null }>(`/desk/returns/${props.id}/receive`, { method: "POST" }),
    onSuccess: (r) => {
      setPromise(r.refundExpectedBy);
      refresh();
    },
  });
  const refund = useMutation({
    mutationFn: () =>
      staff<{ refund: { amount: number; currency: string; status: string } }>(
        `/desk/returns/${props.id}/refund`,
        {
          method: "POST",
          headers: { "idempotency-key": idempotencyKey("return-refund") },
        },
      ),
    onSuccess: (r) => {
      setOutcome(`Refunded ${money(r.refund.amount, r.refund.currency)} (${humanize(r.refund.status)}).`);
      refresh();
    },
  });
  const exchange = useMutation({
    mutationFn: () => staff(`/desk/returns/${props.id}/exchange`, { method: "POST" }),
    onSuccess: () => {
      setOutcome("Replacements sent; the exchange is closed.");
      refresh();
    },
  });
  if (ret.isPending) return <Loading what="the return" />;
  if (ret.isError) return <Problem error={ret.error} />;
  const r = ret.data;
  const s = r.return.status;
  return (
    <section className="card" aria-labelledby="return-h">
      <h2 id="return-h">
        {r.return.rma_number} · order {r.orderNumber} <Badge>{humanize(s)}</Badge>
      </h2>
      <p>
        {humanize(r.return.kind)} · quoted {money(r.return.quoted_amount, r.return.currency)}
        {r.return.refund_amount !== null
          ? ` · refund ${money(r.return.refund_amount, r.return.currency)}`
          : ""}
      </p>
      {promises.data ? <PromiseLine p={promises.data} /> : null}
      {promise ? (
        <Alert kind="ok">Received. The shopper is promised their refund by {date(promise)}.</Alert>
      ) : null}
      {outcome ? <Alert kind="ok">{outcome}</Alert> : null}
      <Problem error={receive.error ?? refund.error ?? exchange.error} />
      {(s === "authorized" || s === "in_transit") && CAN.receive(user.role) ? (
        <button type="button" onClick={() => receive.mutate()} disabled={receive.isPending}>
          Log as received
        </button>
      ) : null}
      {s === "received" && CAN.receive(user.role) ? (
        <Inspect detail={r} onDone={refresh} />
      ) : (
        <Lines detail={r} />
      )}
      {s === "inspected" && r.return.kind === "return" && CAN.refund(user.role) ? (
        <button type="button" onClick={() => refund.mutate()} disabled={refund.isPending}>
          Refund {r.return.refund_amount !== null ? money(r.return.refund_amount, r.return.currency) : ""}
        </button>
      ) : null}
      {s === "inspected" && r.return.kind === "return" && !CAN.refund(user.role) ? (
        <p className="muted">Inspected: an agent refunds it from here.</p>
      ) : null}
      {s === "inspected" && r.return.kind === "exchange" ? (
        <button type="button" onClick={() => exchange.mutate()} disabled={exchange.isPending}>
          Send replacements
        </button>
      ) : null}
    </section>
  );
}

interface Promises {
  arrivedAt: string | null;
  stages: { name: string; businessDays: number; clause: string; expectedBy: string | null }[];
  inspectionBy: string | null;
  inspectedOn: string | null;
  refundExpectedBy: string | null;
}

/** What the shopper was promised: each stage of the brand's timeline, dated once the parcel arrived. */
function PromiseLine(props: { p: Promises }) {
  const { p } = props;
  if (!p.arrivedAt) {
    return (
      <p className="muted">
        Promised once it arrives:{" "}
        {p.stages.map((s) => `${s.name} within ${s.businessDays} business days`).join(", ")}.
      </p>
    );
  }
  return (
    <p>
      Arrived {date(p.arrivedAt)}
      {p.stages.map((s) => (
        <span key={s.name}>
          {" "}
          · {s.name} by <strong>{s.expectedBy ? date(s.expectedBy) : "—"}</strong>
        </span>
      ))}
      {p.inspectedOn ? ` · inspected ${date(p.inspectedOn)}` : ""}
    </p>
  );
}

function Lines(props: { detail: ReturnDetail }) {
  return (
    <ul>
      {props.detail.lines.map((l) => (
        <li key={l.id}>
          {l.quantity} × {l.title} ({l.sku}) · {humanize(l.reason)} · <strong>{humanize(l.outcome)}</strong>
          {l.inspection ? ` · inspected: ${humanize(l.inspection.outcome)}` : ""}
          {l.reasons.map((why) => (
            <div key={why.code} className="muted">
              {why.message ?? humanize(why.code)} {why.clause ? `(${why.clause})` : ""}
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}

function Inspect(props: { detail: ReturnDetail; onDone: () => void }) {
  const lines = props.detail.lines.filter((l) => l.outcome !== "rejected");
  const [checks, setChecks] = useState<Record<string, Checks>>(() =>
    Object.fromEntries(
      lines.map((l) => [
        l.id,
        Object.fromEntries(
          CONDITIONS.map(([k]) => [
            k,
            typeof l.declaredCondition[k] === "boolean"
              ? Boolean(l.declaredCondition[k])
              : k === "tagsAttached" || k === "originalPackaging" || k === "hygieneStripIntact",
          ]),
        ),
      ]),
    ),
  );
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{
    refundAmount: number;
    lines: { returnLineId: string; accepted: boolean }[];
  } | null>(null);
  const inspect = useMutation({
    mutationFn: () =>
      staff<{ refundAmount: number; lines: { returnLineId: string; accepted: boolean }[] }>(
        `/desk/returns/${props.detail.return.id}/inspect`,
        {
          body: {
            lines: lines.map((l) => ({
              returnLineId: l.id,
              condition: checks[l.id],
              ...(notes[l.id] ? { notes: notes[l.id] } : {}),
            })),
          },
        },
      ),
    onSuccess: (r) => {
      setResult(r);
      props.onDone();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        inspect.mutate();
      }}
    >
      <h3>Inspect</h3>
      {lines.map((l) => (
        <fieldset key={l.id} className="card">
          <legend>
            {l.quantity} × {l.title} ({l.sku}) · {humanize(l.reason)}
          </legend>
          {CONDITIONS.map(([k, label]) => (
            <label key={k} className="check">
              <input
                type="checkbox"
                checked={checks[l.id]?.[k] ?? false}
                onChange={(e) => setChecks((c) => ({ ...c, [l.id]: { ...c[l.id], [k]: e.target.checked } }))}
              />
              {label}
            </label>
          ))}
          <div className="field">
            <label htmlFor={`notes-${l.id}`}>Notes</label>
            <input
              id={`notes-${l.id}`}
              type="text"
              value={notes[l.id] ?? ""}
              onChange={(e) => setNotes((n) => ({ ...n, [l.id]: e.target.value }))}
            />
          </div>
        </fieldset>
      ))}
      <Problem error={inspect.error} />
      {result ? <Alert kind="ok">Inspected.</Alert> : null}
      <button type="submit" disabled={inspect.isPending}>
        Record inspection
      </button>
    </form>
  );
}
