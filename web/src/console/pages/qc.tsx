// Quality control: faulty-item claims waiting on a verdict, the shopper's photos side by side.
// Approving authorises the return (the shopper is told to send the item); rejecting needs a reason,
// which the shopper is told.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { dateTime, humanize } from "../../shared/format.ts";
import { Alert, Loading } from "../../shared/ui.tsx";
import { CAN, staff } from "../api.ts";
import { BrandPicker } from "../brand-picker.tsx";
import { useUser } from "../session.tsx";
import { Problem } from "../ui.tsx";

const STATUS: Record<string, string> = {
  awaiting_qc: "Awaiting quality control",
  qc_approved: "Fault approved",
  qc_rejected: "Fault rejected",
};

interface Claim {
  id: string;
  orderId: string;
  type: string;
  status: string;
  details: Record<string, unknown>;
  evidence: { id: string; kind: string; contentType: string }[];
  qc: { decision: string; notes: string | null } | null;
  createdAt: string;
}

export function QcQueue() {
  const [brand, setBrand] = useState("");
  const [status, setStatus] = useState("awaiting_qc");
  const [notice, setNotice] = useState<string | null>(null);
  const claims = useQuery({
    queryKey: ["claims", brand, status],
    queryFn: () =>
      staff<{ claims: Claim[] }>(
        `/desk/claims?brand=${encodeURIComponent(brand)}&type=faulty_item${status ? `&status=${status}` : ""}`,
      ),
    enabled: brand !== "",
    refetchInterval: 15_000,
  });
  return (
    <>
      <h1>Quality control</h1>
      <div className="toolbar">
        <BrandPicker value={brand} onChange={setBrand} />
        <div className="field">
          <label htmlFor="qc-status">Status</label>
          <select id="qc-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="awaiting_qc">Awaiting quality control</option>
            <option value="qc_approved">Approved</option>
            <option value="qc_rejected">Rejected</option>
            <option value="">Any</option>
          </select>
        </div>
      </div>
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <Problem error={claims.error} />
      {claims.isLoading ? <Loading what="claims" /> : null}
      {claims.data?.claims.length === 0 ? <p>No faulty-item claims here.</p> : null}
      {claims.data?.claims.map((c) => (
        <ClaimCard key={c.id} claim={c} onDecided={setNotice} />
      ))}
    </>
  );
}

function ClaimCard(props: { claim: Claim; onDecided: (notice: string) => void }) {
  const c = props.claim;
  const user = useUser();
  const client = useQueryClient();
  const [notes, setNotes] = useState("");
  const decide = useMutation({
    mutationFn: (verdict: "approve" | "reject") =>
      staff(`/desk/claims/${encodeURIComponent(c.id)}/qc`, {
        body: { verdict, ...(notes.trim() ? { notes: notes.trim() } : {}) },
      }),
    onSuccess: (_r, verdict) => {
      props.onDecided(
        verdict === "approve"
          ? "Fault approved: the shopper is asked to send the item back."
          : "Rejected: the shopper is told why.",
      );
      void client.invalidateQueries({ queryKey: ["claims"] });
    },
  });
  const items = (c.details.items as { lineId?: string; description?: string }[] | undefined) ?? [];
  const label = `claim-${c.id}`;
  return (
    <section className="card" aria-labelledby={label}>
      <h2 id={label}>
        Faulty item · {STATUS[c.status] ?? humanize(c.status)} · {dateTime(c.createdAt)}
      </h2>
      {items.map((i) => (
        <p key={i.lineId ?? i.description}>{i.description ?? ""}</p>
      ))}
      {typeof c.details.description === "string" ? <p>{c.details.description}</p> : null}
      <div className="photos">
        {c.evidence.map((e, n) =>
          e.contentType.startsWith("image/") ? (
            <a
              key={e.id}
              href={`/api/v1/desk/claims/${c.id}/evidence/${e.id}`}
              target="_blank"
              rel="noreferrer"
            >
              <img
                src={`/api/v1/desk/claims/${c.id}/evidence/${e.id}`}
                alt={`Evidence ${n + 1} sent by the shopper`}
              />
            </a>
          ) : (
            <a key={e.id} href={`/api/v1/desk/claims/${c.id}/evidence/${e.id}`}>
              File {n + 1}
            </a>
          ),
        )}
        {c.evidence.length === 0 ? <p className="muted">No photos yet.</p> : null}
      </div>
      {c.qc ? (
        <p>
          Verdict: {humanize(c.qc.decision)} {c.qc.notes ? `— ${c.qc.notes}` : ""}
        </p>
      ) : null}
      <Problem error={decide.error} />
      {c.status === "awaiting_qc" && CAN.qc(user.role) ? (
        <>
          <div className="field">
            <label htmlFor={`qc-notes-${c.id}`}>Reason (needed to reject)</label>
            <input
              id={`qc-notes-${c.id}`}
              type="text"
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          </div>
          <div style={{ display: "flex", gap: "0.5rem" }}>
            <button type="button" onClick={() => decide.mutate("approve")} disabled={decide.isPending}>
              Approve fault
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => decide.mutate("reject")}
              disabled={decide.isPending || !notes.trim()}
            >
              Reject
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
