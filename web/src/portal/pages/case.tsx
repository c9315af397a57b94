// `/b/:brand/cases/:id`: one case's thread, its status and the next promised date, and a reply box.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { explain, request } from "../../shared/api.ts";
import { dateTime, humanize } from "../../shared/format.ts";
import { Alert, Badge, ErrorNote, Field, Loading } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import type { CaseDetail } from "../types.ts";
import { useToken } from "../use-order.ts";

export default function CasePage() {
  const { slug, profile } = useBrand();
  const id = useParams().id ?? "";
  const token = useToken();
  const queries = useQueryClient();
  const [body, setBody] = useState("");
  const detail = useQuery({
    queryKey: ["case", slug, id],
    queryFn: () => request<CaseDetail>(`/api/v1/shopper/cases/${encodeURIComponent(id)}`, { token }),
    refetchInterval: 15_000,
  });
  const reply = useMutation({
    mutationFn: () =>
      request(`/api/v1/shopper/cases/${encodeURIComponent(id)}/messages`, { body: { body }, token }),
    onSuccess: async () => {
      setBody("");
      await queries.invalidateQueries({ queryKey: ["case", slug, id] });
    },
  });
  if (detail.isPending) return <Loading what="the case" />;
  if (detail.isError) return <ErrorNote error={detail.error} />;
  const c = detail.data.case;
  return (
    <>
      <p>
        <Link to={`/b/${slug}/cases`}>← My cases</Link>
      </p>
      <h1>
        {c.subject} <Badge>{humanize(c.status)}</Badge>
      </h1>
      {c.slaDueAt && !["resolved", "closed"].includes(c.status) ? (
        <p>
          We aim to answer by <strong>{dateTime(c.slaDueAt, profile.timeZone)}</strong>.
        </p>
      ) : null}
      <ol className="list" aria-label="Messages">
        {detail.data.messages.map((m) => (
          <li key={m.id}>
            <strong>{m.authorType === "customer" || m.direction === "inbound" ? "You" : profile.name}</strong>{" "}
            <span className="muted">{dateTime(m.createdAt)}</span>
            <p style={{ whiteSpace: "pre-wrap" }}>{m.body}</p>
          </li>
        ))}
      </ol>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) reply.mutate();
        }}
      >
        <Field label="Reply">
          {(f) => (
            <textarea id={f.id} value={body} maxLength={20000} onChange={(e) => setBody(e.target.value)} />
          )}
        </Field>
        {reply.isError ? <Alert kind="bad">{explain(reply.error)}</Alert> : null}
        <div className="actions">
          <button type="submit" disabled={!body.trim() || reply.isPending}>
            Send reply
          </button>
        </div>
      </form>
    </>
  );
}
