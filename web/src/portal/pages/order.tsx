// `/b/:brand/order`: where the order stands, what is in it, where the parcel is (#track), changing the
// delivery details before dispatch (#modify) and cancelling (#cancel).
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useLocation } from "react-router";
import { request } from "../../shared/api.ts";
import { date, dateTime, humanize, money } from "../../shared/format.ts";
import { Alert, Badge, ErrorNote, Loading } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import type { OrderView } from "../types.ts";
import { useOrder, useToken } from "../use-order.ts";
import { CancelOrder } from "./order-cancel.tsx";
import { ChangeDetails } from "./order-change.tsx";

const STEPS = ["placed", "paid", "dispatched", "delivered", "returned"] as const;

function steps(order: OrderView) {
  const at = (status: string) => order.timeline.find((t) => t.status === status)?.at ?? null;
  const paid = order.payment
    ? order.payment.cleared
      ? (order.payment.clearedAt ?? order.placedAt)
      : null
    : order.placedAt;
  const returned = order.returns.find((r) =>
    ["received", "inspected", "refunded", "completed"].includes(r.status),
  );
  const when: Record<(typeof STEPS)[number], string | null> = {
    placed: order.placedAt,
    paid,
    dispatched: at("dispatched") ?? order.shipments.find((s) => s.dispatchedAt)?.dispatchedAt ?? null,
    delivered: at("delivered") ?? order.shipments.find((s) => s.deliveredAt)?.deliveredAt ?? null,
    returned: returned ? returned.requestedAt : null,
  };
  return STEPS.filter((s) => s !== "returned" || order.returns.length > 0).map((s) => ({
    step: s,
    at: when[s],
  }));
}

export function OrderPage() {
  const { slug, profile } = useBrand();
  const order = useOrder();
  const token = useToken();
  const location = useLocation();
  const credit = useQuery({
    queryKey: ["store-credit", slug, token],
    queryFn: () => request<{ balance: number; currency: string }>("/api/v1/shopper/store-credit", { token }),
  });

  // Arriving at #modify or #track from an email scrolls to that section once the order is on screen.
  useEffect(() => {
    if (!order.data || !location.hash) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [order.data, location.hash]);

  if (order.isPending) return <Loading what="your order" />;
  if (order.isError) return <ErrorNote error={order.error} />;
  const o = order.data;
  const cancelled = o.status === "cancelled";
  const beforeDispatch = o.status === "placed";
  const timeline = steps(o);
  const current = [...timeline].reverse().find((s) => s.at)?.step;
  return (
    <>
      <h1>
        Order {o.number}{" "}
        <Badge kind={cancelled ? "bad" : o.status === "delivered" ? "ok" : undefined}>
          {humanize(o.status)}
        </Badge>
      </h1>
      <p className="muted">
        Placed {dateTime(o.placedAt, profile.timeZone)} · {o.email}
      </p>

      {cancelled ? null : (
        <ol className="timeline" aria-label="Order progress" style={{ marginBottom: "1rem" }}>
          {timeline.map((s) => (
            <li key={s.step} className={s.step === current ? "now" : s.at ? "done" : ""}>
              <strong>{humanize(s.step)}</strong>
              <br />
              <span className="muted">{s.at ? date(s.at, profile.timeZone) : "Not yet"}</span>
              {s.step === current ? <span className="skip"> (current step)</span> : null}
            </li>
          ))}
        </ol>
      )}

      {o.payment?.method === "e_cheque" && !o.payment.cleared ? (
        <Alert kind="warn" title="Payment still clearing.">
          You paid by e-cheque, which takes several working days to clear. We dispatch once it has cleared,
          and a refund can only be made after that.
        </Alert>
      ) : null}

      <div className="grid two">
        <section className="card" aria-labelledby="items-h">
          <h2 id="items-h" style={{ marginTop: 0 }}>
            Items
          </h2>
          <ul className="list">
            {o.lines.map((l) => (
              <li key={l.id} style={{ display: "flex", gap: "0.75rem" }}>
                {l.imageUrl ? (
                  <img src={l.imageUrl} alt="" width={64} height={64} style={{ objectFit: "cover" }} />
                ) : null}
                <div style={{ flex: 1 }}>
                  <strong>{l.title || l.sku}</strong>
                  <div className="muted">
                    {l.quantity} × {money(l.unitPrice, o.currency)}
                    {l.finalSale ? (
                      <>
                        {" "}
                        · <Badge kind="warn">Final sale</Badge>
                      </>
                    ) : null}
                    {l.returnedQuantity > 0 ? ` · ${l.returnedQuantity} returned` : ""}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <table>
            <tbody>
              <tr>
                <th scope="row">Shipping</th>
                <td className="num">{money(o.totals.shipping, o.currency)}</td>
              </tr>
              {o.totals.discount ? (
                <tr>
                  <th scope="row">Discount</th>
                  <td className="num">−{money(o.totals.discount, o.currency)}</td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">Total</th>
                <td className="num">
                  <strong>{money(o.totals.total, o.currency)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          {credit.data && credit.data.balance > 0 ? (
            <p>
              Store credit available: <strong>{money(credit.data.balance, credit.data.currency)}</strong>
            </p>
          ) : null}
        </section>

        <section className="card" id="track" aria-labelledby="track-h">
          <h2 id="track-h" style={{ marginTop: 0 }}>
            Delivery
          </h2>
          {o.shipments.length === 0 ? (
            <p>
              {cancelled
                ? "This order was cancelled."
                : "Not dispatched yet. You will get an email with tracking when it ships."}
            </p>
          ) : (
            <ul className="list">
              {o.shipments.map((s, i) => (
                <li key={s.trackingNumber ?? i}>
                  <strong>{s.courier ?? "Courier"}</strong> ·{" "}
                  {humanize(o.status === "delivered" && !s.deliveredAt ? "delivered" : s.status)}
                  {s.trackingNumber ? (
                    <div>
                      Tracking number: <code>{s.trackingNumber}</code>
                    </div>
                  ) : null}
                  {s.trackingUrl ? (
                    <a className="button secondary" href={s.trackingUrl} target="_blank" rel="noreferrer">
                      Track my order
                    </a>
                  ) : null}
                  {s.lastMile ? (
                    <div className="alert info">
                      In your country it is delivered by <strong>{s.lastMile.courier}</strong>
                      {s.lastMile.trackingNumber ? (
                        <>
                          {" "}
                          with tracking number <code>{s.lastMile.trackingNumber}</code>
                        </>
                      ) : null}
                      .{s.lastMile.contact ? ` Contact them at ${s.lastMile.contact}.` : ""}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {o.shippingAddress && Object.values(o.shippingAddress).some(Boolean) ? (
            <>
              <h3>Delivery address</h3>
              <address>
                {["name", "line1", "line2", "city", "region", "postalCode", "country"]
                  .map((k) => o.shippingAddress?.[k])
                  .filter(Boolean)
                  .join(", ")}
              </address>
            </>
          ) : null}
        </section>
      </div>

      {o.returns.length ? (
        <section className="card" aria-labelledby="returns-h">
          <h2 id="returns-h" style={{ marginTop: 0 }}>
            Returns
          </h2>
          <ul className="list">
            {o.returns.map((r) => (
              <li key={r.rmaNumber}>
                <Link to={`/b/${slug}/returns/${r.rmaNumber}`}>{r.rmaNumber}</Link> · {humanize(r.kind)} ·{" "}
                {humanize(r.status)} · {money(r.quotedAmount, r.currency)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {!cancelled && o.status !== "placed" ? (
        <section className="card" aria-labelledby="next-h">
          <h2 id="next-h" style={{ marginTop: 0 }}>
            Something not right?
          </h2>
          <div className="actions">
            <Link className="button" to={`/b/${slug}/return`}>
              Return items
            </Link>
            <Link className="button secondary" to={`/b/${slug}/problem`}>
              Report a problem
            </Link>
          </div>
        </section>
      ) : null}

      {/* Once delivered, returns and problem reports (above) are the way; before that, changes and cancelling. */}
      {cancelled || o.status === "delivered" ? null : (
        <ChangeDetails order={o} beforeDispatch={beforeDispatch} />
      )}
      {cancelled || o.status === "delivered" ? null : (
        <CancelOrder order={o} beforeDispatch={beforeDispatch} />
      )}
    </>
  );
}
