// Settings → what left and what is waiting: the webhook delivery log (every attempt with its answer), the
// outbox (domain events the relay has or has not handed on yet), outgoing email (held while no SMTP relay
// is set) and dead letters (inbound mail that could not be stored, retried here after a fix). Read-only
// apart from the retry.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { dateTime, humanize } from "../../shared/format.ts";
import { Alert, Badge, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { Problem, TableScroll } from "../ui.tsx";

interface Delivery {
  id: string;
  url: string;
  eventId: string;
  eventType: string;
  attempt: number;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
  createdAt: string;
}

export function WebhookLog() {
  const [failedOnly, setFailedOnly] = useState(false);
  const log = useQuery({
    queryKey: ["webhook-deliveries", failedOnly],
    queryFn: () =>
      staff<{ deliveries: Delivery[] }>(
        `/admin/webhook-deliveries?limit=200${failedOnly ? "&failed=true" : ""}`,
      ),
  });
  const rows = log.data?.deliveries;
  return (
    <>
      <h2>Webhook log</h2>
      <p className="muted">
        Every delivery attempt to a webhook subscription, newest first, with its answer.
      </p>
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly(e.target.checked)} />
          Failed attempts only
        </label>
      </div>
      <Problem error={log.error} />
      {log.isPending ? <Loading what="deliveries" /> : null}
      {rows?.length === 0 ? (
        <p>{failedOnly ? "No failed attempts." : "Nothing has been delivered yet."}</p>
      ) : null}
      {rows && rows.length > 0 ? (
        <TableScroll label="Webhook delivery attempts">
          <table className="queue stack">
            <caption className="sr-only">Webhook delivery attempts</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Address</th>
                <th scope="col" className="num">
                  Attempt
                </th>
                <th scope="col">Result</th>
                <th scope="col" className="num">
                  Time
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td data-label="When" className="nowrap">
                    {dateTime(d.createdAt)}
                  </td>
                  <td data-label="Event">
                    {d.eventType}
                    <div className="muted small">
                      <code>{d.eventId}</code>
                    </div>
                  </td>
                  <td data-label="Address" className="address">
                    {d.url}
                  </td>
                  <td data-label="Attempt" className="num">
                    {d.attempt}
                  </td>
                  <td data-label="Result">
                    {d.ok ? (
                      <Badge kind="ok">{d.statusCode ?? "OK"}</Badge>
                    ) : (
                      <>
                        <Badge kind="bad">{d.statusCode ?? "Failed"}</Badge>
                        {d.error ? <div className="small">{d.error}</div> : null}
                      </>
                    )}
                  </td>
                  <td data-label="Time" className="num nowrap">
                    {d.durationMs} ms
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </>
  );
}

interface OutboxEvent {
  id: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  createdAt: string;
  publishedAt: string | null;
  attempts: number;
  lastError: string | null;
}

export function Outbox() {
  const [state, setState] = useState<"" | "pending" | "published">("");
  const events = useQuery({
    queryKey: ["outbox", state],
    queryFn: () =>
      staff<{ events: OutboxEvent[] }>(`/admin/outbox?limit=200${state ? `&state=${state}` : ""}`),
    refetchInterval: 15_000,
  });
  const rows = events.data?.events;
  return (
    <>
      <h2>Outbox</h2>
      <p className="muted">
        Events recorded with each change, newest first. The relay hands each one to email, timers and
        webhooks; a pending event with attempts has failed and will be tried again.
      </p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="outbox-state">Show</label>
          <select
            id="outbox-state"
            value={state}
            onChange={(e) => setState(e.target.value as "" | "pending" | "published")}
          >
            <option value="">All events</option>
            <option value="pending">Pending</option>
            <option value="published">Published</option>
          </select>
        </div>
      </div>
      <Problem error={events.error} />
      {events.isPending ? <Loading what="events" /> : null}
      {rows?.length === 0 ? <p>No events.</p> : null}
      {rows && rows.length > 0 ? (
        <TableScroll label="Outbox events">
          <table className="queue stack">
            <caption className="sr-only">Outbox events</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Event</th>
                <th scope="col">About</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Attempts
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td data-label="Created" className="nowrap">
                    {dateTime(e.createdAt)}
                  </td>
                  <td data-label="Event">{e.eventType}</td>
                  <td data-label="About">
                    {humanize(e.aggregateType)} <code className="small">{e.aggregateId}</code>
                  </td>
                  <td data-label="State">
                    {e.publishedAt ? (
                      <>
                        <Badge kind="ok">Published</Badge>
                        <div className="small nowrap">{dateTime(e.publishedAt)}</div>
                      </>
                    ) : (
                      <Badge kind={e.lastError ? "bad" : "warn"}>Pending</Badge>
                    )}
                    {e.lastError ? <div className="small">{e.lastError}</div> : null}
                  </td>
                  <td data-label="Attempts" className="num">
                    {e.attempts}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </>
  );
}

interface OutboundEmail {
  id: string;
  template: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface DeadLetter {
  id: string;
  mailFrom: string | null;
  recipients: string[];
  sizeBytes: number;
  reason: string;
  status: string;
  attempts: number;
  caseId: string | null;
  createdAt: string;
}

interface RetryResult {
  outcome: string;
  caseId: string | null;
  reason: string | null;
}

const EMAIL_STATUS = ["held", "queued", "sent", "failed"] as const;

function emailBadge(status: string) {
  const kind = status === "sent" ? "ok" : status === "failed" ? "bad" : "warn";
  return <Badge kind={kind}>{humanize(status)}</Badge>;
}

export function Email() {
  return (
    <>
      <h2>Email</h2>
      <OutgoingEmail />
      <DeadLetters />
    </>
  );
}

function OutgoingEmail() {
  const [status, setStatus] = useState("");
  const emails = useQuery({
    queryKey: ["outbound-emails", status],
    queryFn: () =>
      staff<{ emails: OutboundEmail[] }>(`/admin/emails?limit=100${status ? `&status=${status}` : ""}`),
  });
  const rows = emails.data?.emails;
  return (
    <section aria-labelledby="outgoing-h">
      <h3 id="outgoing-h">Outgoing</h3>
      <p className="muted">
        Messages to shoppers, newest first. Without an SMTP relay every message is held here, as it would have
        been sent.
      </p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="email-status">Status</label>
          <select id="email-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any status</option>
            {EMAIL_STATUS.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Problem error={emails.error} />
      {emails.isPending ? <Loading what="email" /> : null}
      {rows?.length === 0 ? <p>No messages{status ? ` with the status ${status}` : ""}.</p> : null}
      {rows && rows.length > 0 ? (
        <TableScroll label="Outgoing email">
          <table className="queue stack">
            <caption className="sr-only">Outgoing email</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">To</th>
                <th scope="col">Subject and text</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td data-label="Created" className="nowrap">
                    {dateTime(m.createdAt)}
                  </td>
                  <td data-label="To" className="address">
                    {m.to}
                  </td>
                  <td data-label="Subject and text">
                    <details>
                      <summary>{m.subject}</summary>
                      <p className="small muted">
                        {humanize(m.template)} · from {m.from}
                      </p>
                      <pre className="mail-text">{m.text}</pre>
                    </details>
                  </td>
                  <td data-label="Status">
                    {emailBadge(m.status)}
                    {m.sentAt ? <div className="small">{dateTime(m.sentAt)}</div> : null}
                    {m.lastError ? (
                      <div className="small">
                        {m.attempts} attempt{m.attempts === 1 ? "" : "s"}: {m.lastError}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}

function DeadLetters() {
  const client = useQueryClient();
  const [status, setStatus] = useState("open");
  const letters = useQuery({
    queryKey: ["dead-letters", status],
    queryFn: () =>
      staff<{ deadLetters: DeadLetter[] }>(`/admin/email/dead-letters${status ? `?status=${status}` : ""}`),
  });
  const [results, setResults] = useState<Record<string, RetryResult>>({});
  const retry = useMutation({
    mutationFn: (id: string) =>
      staff<RetryResult>(`/admin/email/dead-letters/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSuccess: (result, id) => {
      setResults((r) => ({ ...r, [id]: result }));
      void client.invalidateQueries({ queryKey: ["dead-letters"] });
    },
  });
  const rows = letters.data?.deadLetters;
  return (
    <section aria-labelledby="dead-h">
      <h3 id="dead-h">Dead letters</h3>
      <p className="muted">
        Mail the SMTP receiver accepted but could not file as a case, with the reason. Fix the cause (a brand
        address, say) and process it again.
      </p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="dead-status">Show</label>
          <select id="dead-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="open">Open</option>
            <option value="reprocessed">Processed again</option>
            <option value="">All</option>
          </select>
        </div>
      </div>
      <Problem error={letters.error ?? retry.error} />
      {letters.isPending ? <Loading what="dead letters" /> : null}
      {rows?.length === 0 ? <p>No dead letters.</p> : null}
      {rows && rows.length > 0 ? (
        <TableScroll label="Dead letters">
          <table className="queue stack">
            <caption className="sr-only">Dead letters</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">From and to</th>
                <th scope="col">Reason</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((l) => {
                const result = results[l.id];
                return (
                  <tr key={l.id}>
                    <td data-label="Received" className="nowrap">
                      {dateTime(l.createdAt)}
                    </td>
                    <td data-label="From and to" className="address">
                      {l.mailFrom ?? "(no sender)"}
                      <div className="small muted">to {l.recipients.join(", ")}</div>
                    </td>
                    <td data-label="Reason">{l.reason}</td>
                    <td data-label="State">
                      {humanize(l.status)}
                      <div className="small muted">
                        {l.attempts} attempt{l.attempts === 1 ? "" : "s"}
                      </div>
                      {l.status === "open" ? (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={`Retry the message from ${l.mailFrom ?? "no sender"}`}
                          disabled={retry.isPending && retry.variables === l.id}
                          onClick={() => retry.mutate(l.id)}
                        >
                          Retry
                        </button>
                      ) : null}
                      {result ? <RetryOutcome result={result} /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {Object.entries(results)
        .filter(([id]) => !rows?.some((l) => l.id === id))
        .map(([id, result]) => (
          <RetryOutcome key={id} result={result} />
        ))}
    </section>
  );
}

function RetryOutcome(props: { result: RetryResult }) {
  const r = props.result;
  if (r.outcome === "dead_letter") {
    return (
      <Alert kind="warn" title="Still not filed.">
        {r.reason ?? "The message could not be stored."}
      </Alert>
    );
  }
  const what: Record<string, string> = {
    new_case: "A new case was opened",
    threaded: "Added to its case",
    duplicate: "Already stored in its case",
    application: "Filed as a collaboration application",
    ignored: `Ignored${r.reason ? ` (${r.reason})` : ""}`,
  };
  return (
    <Alert kind="ok" title="Processed.">
      {what[r.outcome] ?? humanize(r.outcome)}
      {r.caseId ? (
        <>
          {" "}
          — <Link to={`/cases/${encodeURIComponent(r.caseId)}`}>open the case</Link>
        </>
      ) : null}
      .
    </Alert>
  );
}
