// Collaboration applications per brand: platform, handle and audience; shortlist, offer or decline,
// each with a reply emailed to the applicant as written.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { dateTime, humanize } from "../../shared/format.ts";
import { Alert, Badge, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { BrandPicker } from "../brand-picker.tsx";
import { Problem } from "../ui.tsx";

interface Application {
  id: string;
  name: string;
  email: string;
  platform: string;
  handle: string;
  followers: number | null;
  message: string | null;
  status: string;
  reply: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

export default function Collaborations() {
  const [brand, setBrand] = useState("");
  const [status, setStatus] = useState("new");
  const list = useQuery({
    queryKey: ["collaborations", brand, status],
    queryFn: () =>
      staff<{ applications: Application[] }>(
        `/desk/collaborations?brand=${encodeURIComponent(brand)}${status ? `&status=${status}` : ""}`,
      ),
    enabled: brand !== "",
  });
  return (
    <>
      <h1>Collaborations</h1>
      <div className="toolbar">
        <BrandPicker value={brand} onChange={setBrand} />
        <div className="field">
          <label htmlFor="collab-status">Status</label>
          <select id="collab-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {["new", "shortlisted", "offered", "declined"].map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Problem error={list.error} />
      {list.isLoading ? <Loading what="applications" /> : null}
      {list.data?.applications.length === 0 ? <p>No applications here.</p> : null}
      {list.data?.applications.map((a) => (
        <ApplicationCard key={a.id} a={a} />
      ))}
    </>
  );
}

function ApplicationCard(props: { a: Application }) {
  const { a } = props;
  const client = useQueryClient();
  const [reply, setReply] = useState("");
  const review = useMutation({
    mutationFn: (verdict: "shortlist" | "offer" | "decline") =>
      staff(`/desk/collaborations/${encodeURIComponent(a.id)}/review`, { body: { verdict, reply } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["collaborations"] }),
  });
  const h = `collab-${a.id}`;
  return (
    <section className="card" aria-labelledby={h}>
      <h2 id={h}>
        {a.name} · {humanize(a.platform)} @{a.handle} <Badge>{humanize(a.status)}</Badge>
      </h2>
      <p className="muted">
        {a.email} · {a.followers !== null ? `${a.followers.toLocaleString()} followers · ` : ""}
        applied {dateTime(a.createdAt)}
      </p>
      {a.message ? <p>{a.message}</p> : null}
      {a.reply ? (
        <Alert kind="info" title="Reply sent:">
          {a.reply}
        </Alert>
      ) : null}
      <div className="field">
        <label htmlFor={`reply-${a.id}`}>Reply to the applicant</label>
        <textarea id={`reply-${a.id}`} rows={3} value={reply} onChange={(e) => setReply(e.target.value)} />
      </div>
      <Problem error={review.error} />
      <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
        {(["shortlist", "offer", "decline"] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={v === "decline" ? "secondary" : undefined}
            disabled={!reply.trim() || review.isPending}
            onClick={() => review.mutate(v)}
          >
            {humanize(v)}
          </button>
        ))}
      </div>
    </section>
  );
}
