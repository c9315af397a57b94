// Cancelling (#cancel): the outcome (refund, store credit, or a request the team decides) is shown
// before the shopper confirms, from the same policy decision the real request will get.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { explain, request } from "../../shared/api.ts";
import { money } from "../../shared/format.ts";
import { Alert } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import { Findings } from "../findings.tsx";
import type { Decision, OrderView } from "../types.ts";
import { useToken } from "../use-order.ts";
import { AskTheTeam } from "./order-change.tsx";

function outcomeText(d: Decision): string {
  if (d.outcome === "needs_review")
    return "Your cancellation goes to the team, who will confirm it by email.";
  const r = d.resolution;
  if (r.method === "store_credit") return `You will receive ${money(r.amount, r.currency)} as store credit.`;
  if (r.method === "refund_original_payment")
    return `You will be refunded ${money(r.amount, r.currency)} to your original payment method.`;
  return "The order will be cancelled.";
}

export function CancelOrder(props: { order: OrderView; beforeDispatch: boolean }) {
  const { slug } = useBrand();
  const token = useToken();
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const preview = useQuery({
    queryKey: ["preview", "cancel", slug, props.order.number, props.order.status],
    queryFn: () => request<Decision>("/api/v1/shopper/changes/preview?change=cancel", { token }),
  });
  const cancel = useMutation({
    mutationFn: () =>
      request<{ status: string; decision: Decision }>("/api/v1/shopper/cancel", {
        body: { reason: "changed_mind" },
        token,
      }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["order", slug] }),
  });
  const d = preview.data;
  const closed = !props.beforeDispatch || d?.outcome === "rejected";
  return (
    <section className="card" id="cancel" aria-labelledby="cancel-h">
      <h2 id="cancel-h" style={{ marginTop: 0 }}>
        Cancel the order
      </h2>
      {closed ? (
        <>
          <Alert kind="warn" title="This order can no longer be cancelled here.">
            {d ? <Findings findings={d.reasons} /> : null} It may already be dispatched: once it arrives you
            can return it instead.
          </Alert>
          <AskTheTeam orderNumber={props.order.number} subject={`Cancel order ${props.order.number}`} />
        </>
      ) : cancel.isSuccess ? (
        <Alert kind="ok">
          {cancel.data.status === "cancelled" || cancel.data.decision.outcome === "approved"
            ? `Your order is cancelled. ${outcomeText(cancel.data.decision)}`
            : "Your cancellation request is with the team; we will confirm it by email."}
        </Alert>
      ) : (
        <>
          {d ? (
            <>
              <p>{outcomeText(d)}</p>
              <Findings findings={d.notices} />
            </>
          ) : null}
          {confirming ? (
            <Alert kind="warn" title="Cancel this order?">
              {d ? outcomeText(d) : null}
              <div className="actions">
                <button
                  type="button"
                  className="danger"
                  disabled={cancel.isPending}
                  onClick={() => cancel.mutate()}
                >
                  Yes, cancel order {props.order.number}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  Keep my order
                </button>
              </div>
            </Alert>
          ) : (
            <div className="actions">
              <button type="button" className="secondary" onClick={() => setConfirming(true)} disabled={!d}>
                Cancel order
              </button>
            </div>
          )}
          {cancel.isError ? <Alert kind="bad">{explain(cancel.error)}</Alert> : null}
        </>
      )}
    </section>
  );
}
