// `/b/:brand/return`: choose items and reasons, confirm their condition against the brand's checklist,
// see per item whether it can come back (and why not, with the clause), the refund quote and the
// promised dates, then confirm to get the return number.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ApiError, explain, request } from "../../shared/api.ts";
import { money } from "../../shared/format.ts";
import { Alert, Badge, ErrorNote, Loading } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import { Findings } from "../findings.tsx";
import type { BrandProfile, Decision, OrderLine, StartedReturn } from "../types.ts";
import { useOrder, useToken } from "../use-order.ts";

const REASONS: readonly [string, string][] = [
  ["changed_mind", "I changed my mind"],
  ["too_small", "Too small"],
  ["too_big", "Too big"],
  ["not_as_described", "Not as described or pictured"],
  ["wrong_item", "I received the wrong item"],
  ["faulty", "It is faulty or damaged"],
  ["other", "Another reason"],
];

/** Each condition as a statement the shopper ticks when it is true of the item. */
const STATEMENTS: Record<string, { yes: string; no: string }> = {
  tagsAttached: { yes: "The tags are still attached", no: "The tags have been removed" },
  worn: { yes: "It has been worn", no: "It has not been worn (only tried on)" },
  washed: { yes: "It has been washed", no: "It has not been washed" },
  perfumeResidue: {
    yes: "It has perfume, deodorant or make-up on it",
    no: "It is free of perfume, deodorant and make-up",
  },
  originalPackaging: { yes: "It is in its original packaging", no: "The original packaging is missing" },
  hygieneStripIntact: {
    yes: "The hygiene strip is in place and untouched",
    no: "The hygiene strip has been removed",
  },
};

interface Choice {
  selected: boolean;
  quantity: number;
  reason: string;
  /** Condition field → what the shopper confirmed. */
  checks: Record<string, boolean>;
  wantedSku: string;
}

function conditionsFor(profile: BrandProfile, line: OrderLine) {
  const seen = new Set<string>();
  return profile.returnConditions.filter((c) => {
    if (c.categories && !c.categories.includes(line.category)) return false;
    if (seen.has(c.field)) return false;
    seen.add(c.field);
    return true;
  });
}

export default function ReturnPage() {
  const { slug, profile } = useBrand();
  const token = useToken();
  const order = useOrder();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<"return" | "exchange">(
    params.get("kind") === "exchange" && profile.exchanges ? "exchange" : "return",
  );
  const [choices, setChoices] = useState<Record<string, Choice>>({});

  const lines = useMemo(
    () => (order.data?.lines ?? []).filter((l) => l.quantity - l.returnedQuantity > 0),
    [order.data],
  );

  const items = useMemo(
    () =>
      lines
        .filter((l) => choices[l.id]?.selected)
        .map((l) => {
          const c = choices[l.id] as Choice;
          const condition: Record<string, boolean> = {};
          for (const cond of conditionsFor(profile, l)) {
            const ticked = c.checks[cond.field] ?? false;
            // A ticked statement says the expected answer holds.
            condition[cond.field] = ticked ? cond.expect : !cond.expect;
          }
          return {
            lineId: l.id,
            quantity: c.quantity,
            reason: c.reason,
            condition,
            ...(kind === "exchange" && c.wantedSku.trim() ? { wantedSku: c.wantedSku.trim() } : {}),
          };
        }),
    [lines, choices, profile, kind],
  );

  const [debounced, setDebounced] = useState(items);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(items), 250);
    return () => clearTimeout(t);
  }, [items]);

  const quote = useQuery({
    queryKey: ["return-quote", slug, kind, debounced],
    enabled: debounced.length > 0 && debounced.every((i) => i.reason),
    queryFn: () =>
      request<Decision>("/api/v1/shopper/returns/quote", { body: { kind, items: debounced }, token }),
    placeholderData: (previous) => previous,
  });

  const start = useMutation({
    mutationFn: () => request<StartedReturn>("/api/v1/shopper/returns", { body: { kind, items }, token }),
    onSuccess: (r) => void navigate(`/b/${slug}/returns/${r.rma}`, { state: { started: r } }),
  });

  if (order.isPending) return <Loading what="your order" />;
  if (order.isError) return <ErrorNote error={order.error} />;
  const o = order.data;
  const update = (id: string, patch: Partial<Choice>) =>
    setChoices((all) => ({
      ...all,
      [id]: { selected: false, quantity: 1, reason: "", checks: {}, wantedSku: "", ...all[id], ...patch },
    }));

  const decision = quote.data;
  const itemDecision = (lineId: string) => decision?.items.find((i) => i.lineId === lineId);
  const canConfirm =
    items.length > 0 &&
    items.every((i) => i.reason) &&
    decision !== undefined &&
    !quote.isFetching &&
    decision.outcome !== "rejected";

  return (
    <>
      <h1>{kind === "exchange" ? "Exchange items" : "Return items"}</h1>
      <p className="muted">Order {o.number}</p>
      {o.status !== "delivered" ? (
        <Alert kind="info">
          This order has not been marked as delivered yet. You can still check what could be returned; the
          window counts from delivery.
        </Alert>
      ) : null}
      {profile.exchanges ? (
        <fieldset>
          <legend>What would you like?</legend>
          <label className="check">
            <input type="radio" name="kind" checked={kind === "return"} onChange={() => setKind("return")} />{" "}
            A refund
          </label>
          <label className="check">
            <input
              type="radio"
              name="kind"
              checked={kind === "exchange"}
              onChange={() => setKind("exchange")}
            />{" "}
            An exchange for another size or colour
          </label>
        </fieldset>
      ) : null}

      <h2>1. Choose the items</h2>
      {lines.length === 0 ? (
        <Alert kind="info">Every item of this order has already been returned.</Alert>
      ) : null}
      {lines.map((l) => {
        const c = choices[l.id];
        const left = l.quantity - l.returnedQuantity;
        const d = itemDecision(l.id);
        const conditions = conditionsFor(profile, l);
        return (
          <fieldset key={l.id} className="card">
            <legend>
              {l.title || l.sku} · {money(l.unitPrice, o.currency)}
              {l.finalSale ? (
                <>
                  {" "}
                  <Badge kind="warn">Final sale</Badge>
                </>
              ) : null}
            </legend>
            <label className="check">
              <input
                type="checkbox"
                checked={c?.selected ?? false}
                onChange={(e) => update(l.id, { selected: e.target.checked })}
              />
              Send this back
            </label>
            {c?.selected ? (
              <>
                <div className="grid two">
                  <div>
                    <label htmlFor={`reason-${l.id}`}>Reason</label>
                    <select
                      id={`reason-${l.id}`}
                      value={c.reason}
                      aria-invalid={!c.reason}
                      onChange={(e) => update(l.id, { reason: e.target.value })}
                    >
                      <option value="">Choose a reason</option>
                      {REASONS.map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </div>
                  {left > 1 ? (
                    <div>
                      <label htmlFor={`qty-${l.id}`}>How many (of {left})</label>
                      <input
                        id={`qty-${l.id}`}
                        type="number"
                        min={1}
                        max={left}
                        value={c.quantity}
                        onChange={(e) =>
                          update(l.id, { quantity: Math.min(left, Math.max(1, Number(e.target.value) || 1)) })
                        }
                      />
                    </div>
                  ) : null}
                </div>
                {kind === "exchange" ? (
                  <>
                    <label htmlFor={`want-${l.id}`}>The size or colour you want instead (product code)</label>
                    <input
                      id={`want-${l.id}`}
                      type="text"
                      value={c.wantedSku}
                      onChange={(e) => update(l.id, { wantedSku: e.target.value })}
                    />
                  </>
                ) : null}
                {conditions.length ? (
                  <fieldset>
                    <legend>Its condition: tick what is true</legend>
                    {conditions.map((cond) => {
                      const words = STATEMENTS[cond.field];
                      const label = words ? (cond.expect ? words.yes : words.no) : cond.field;
                      return (
                        <label className="check" key={cond.field}>
                          <input
                            type="checkbox"
                            checked={c.checks[cond.field] ?? false}
                            onChange={(e) =>
                              update(l.id, { checks: { ...c.checks, [cond.field]: e.target.checked } })
                            }
                          />
                          {label}
                        </label>
                      );
                    })}
                  </fieldset>
                ) : null}
                {d ? (
                  <div aria-live="polite">
                    {d.outcome === "approved" ? (
                      <Alert kind="ok">This item can be returned.</Alert>
                    ) : d.outcome === "needs_review" ? (
                      <Alert kind="info" title="Our team will look at this item.">
                        <Findings findings={d.reasons} />
                      </Alert>
                    ) : (
                      <Alert kind="bad" title="This item cannot be returned.">
                        <Findings findings={d.reasons} />
                      </Alert>
                    )}
                  </div>
                ) : null}
              </>
            ) : null}
          </fieldset>
        );
      })}

      <h2>2. Your refund</h2>
      {items.length === 0 ? <p className="muted">Choose at least one item above.</p> : null}
      {quote.isError ? <ErrorNote error={quote.error} /> : null}
      {decision && items.length ? <Quote decision={decision} kind={kind} /> : null}

      <div className="actions">
        <button type="button" disabled={!canConfirm || start.isPending} onClick={() => start.mutate()}>
          {start.isPending
            ? "Starting…"
            : kind === "exchange"
              ? "Confirm the exchange"
              : "Confirm the return"}
        </button>
      </div>
      {start.isError ? (
        <Alert kind="bad">
          {start.error instanceof ApiError && (start.error.details as { decision?: Decision })?.decision ? (
            <Findings findings={(start.error.details as { decision: Decision }).decision.reasons} />
          ) : (
            explain(start.error)
          )}
        </Alert>
      ) : null}
    </>
  );
}

function Quote(props: { decision: Decision; kind: string }) {
  const r = props.decision.resolution;
  const label: Record<string, string> = {
    item: "Items",
    discount_share: "Discount you received",
    discount: "Discount you received",
    shipping: "Shipping refunded",
    return_fee: "Return fee",
  };
  const totals = new Map<string, number>();
  for (const b of r.breakdown) totals.set(b.kind, (totals.get(b.kind) ?? 0) + b.amount);
  return (
    <section className="card" aria-live="polite" aria-label="Refund quote">
      {props.decision.outcome === "rejected" ? (
        <Alert kind="bad" title="Nothing in this selection can be returned.">
          <Findings findings={props.decision.reasons} />
        </Alert>
      ) : (
        <>
          <table>
            <tbody>
              {[...totals].map(([kind, amount]) => (
                <tr key={kind}>
                  <th scope="row">{label[kind] ?? kind}</th>
                  <td className="num">{money(amount, r.currency)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">
                  {r.method === "store_credit"
                    ? "Store credit"
                    : r.method === "exchange"
                      ? "Exchange value"
                      : "Refund"}
                </th>
                <td className="num">
                  <strong>{money(r.amount, r.currency)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          <Findings findings={props.decision.notices} />
          {props.decision.timeline.deadline ? (
            <p>
              Send it back by <strong>{props.decision.timeline.deadline}</strong>.
            </p>
          ) : null}
          {props.decision.timeline.refundExpectedBy ? (
            <p>
              Expected refund by <strong>{props.decision.timeline.refundExpectedBy}</strong> (business days,
              after we receive it).
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
