// `/b/:brand/problem`: report a missing item, a faulty item, a lost parcel or a lost return, with
// photos. Photos are checked before they are sent, show their progress, and a failed upload keeps
// everything typed so the shopper only retries the photo.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { explain, request } from "../../shared/api.ts";
import { Alert, ErrorNote, Field, Loading } from "../../shared/ui.tsx";
import { photoProblem, uploadForm } from "../../shared/upload.ts";
import { useBrand } from "../brand.tsx";
import { Findings } from "../findings.tsx";
import type { Claim, Decision } from "../types.ts";
import { useOrder, useToken } from "../use-order.ts";

type Kind = "missing" | "faulty" | "lost" | "lost_return";
const KINDS: readonly [Kind, string][] = [
  ["missing", "Something is missing from my parcel"],
  ["faulty", "An item is faulty or damaged"],
  ["lost", "My parcel never arrived"],
  ["lost_return", "My return parcel got lost"],
];

/** Photo slots per kind of problem: the evidence kind the server files them under. */
const SLOTS: Record<Kind, readonly { kind: string; label: string; hint: string }[]> = {
  missing: [
    {
      kind: "items_received",
      label: "Photo of everything you received",
      hint: "Lay out all items that came in the parcel.",
    },
    { kind: "parcel", label: "Photo of the parcel", hint: "The outside of the box or bag, with its label." },
  ],
  faulty: [
    {
      kind: "full_item",
      label: "Photo of the whole item",
      hint: "The entire item, so we can see which one it is.",
    },
    { kind: "fault", label: "Close-up of the fault", hint: "As close as the camera allows." },
  ],
  lost: [],
  lost_return: [
    {
      kind: "proof_of_postage",
      label: "Proof of postage",
      hint: "The receipt you got when sending the return.",
    },
  ],
};

interface Photo {
  readonly id: string;
  readonly slot: string;
  readonly file: File;
  readonly preview: string;
  progress: number;
  state: "waiting" | "sending" | "sent" | "failed";
  error?: string;
}

const draftKey = (slug: string) => `aftercare.problem-draft.${slug}`;

export default function ProblemPage() {
  const { slug, profile } = useBrand();
  const token = useToken();
  const order = useOrder();
  const [params] = useSearchParams();
  const initial = params.get("kind");
  const [kind, setKind] = useState<Kind>(KINDS.some(([k]) => k === initial) ? (initial as Kind) : "missing");
  const [lines, setLines] = useState<string[]>([]);
  const [description, setDescription] = useState(() => sessionStorage.getItem(draftKey(slug)) ?? "");
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [rejected, setRejected] = useState<string[]>([]);
  const [claim, setClaim] = useState<Claim | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);

  // Typed text survives a reload or a failed request.
  useEffect(() => {
    sessionStorage.setItem(draftKey(slug), description);
  }, [slug, description]);
  // Previews are released when the page goes, not while they are on screen.
  const previews = useRef<string[]>([]);
  useEffect(
    () => () => {
      for (const url of previews.current) URL.revokeObjectURL(url);
    },
    [],
  );

  const clauseText =
    kind === "missing"
      ? profile.claims.missing?.clauseText
      : kind === "faulty"
        ? profile.claims.faulty?.clauseText
        : kind === "lost"
          ? profile.claims.lostPackage?.clauseText
          : profile.claims.lostReturn?.clauseText;

  const addFiles = (slot: string, files: FileList | null) => {
    if (!files) return;
    const problems: string[] = [];
    const added: Photo[] = [];
    for (const file of Array.from(files)) {
      const problem = photoProblem(file);
      if (problem) problems.push(problem);
      else
        added.push({
          id: `${slot}-${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`,
          slot,
          file,
          preview: URL.createObjectURL(file),
          progress: 0,
          state: "waiting",
        });
    }
    previews.current.push(...added.map((p) => p.preview));
    setRejected(problems);
    setPhotos((p) => [...p, ...added]);
  };

  const setPhoto = (id: string, patch: Partial<Photo>) =>
    setPhotos((all) => all.map((p) => (p.id === id ? { ...p, ...patch } : p)));

  async function sendPhotos(target: Claim): Promise<void> {
    setUploadError(null);
    for (const photo of photos) {
      if (photo.state === "sent") continue;
      setPhoto(photo.id, { state: "sending", progress: 0 });
      const form = new FormData();
      form.append("kind", photo.slot);
      form.append("file", photo.file, photo.file.name);
      try {
        const result = await uploadForm<{ claim: Claim; decision: Decision }>(
          `/api/v1/shopper/claims/${encodeURIComponent(target.id)}/evidence`,
          form,
          token,
          (progress) => setPhoto(photo.id, { progress }),
        );
        setPhoto(photo.id, { state: "sent", progress: 1 });
        setClaim(result.claim);
        setDecision(result.decision);
      } catch (error) {
        setPhoto(photo.id, { state: "failed", error: explain(error) });
        setUploadError("A photo could not be sent. Your report is saved: try that photo again.");
        return;
      }
    }
    sessionStorage.removeItem(draftKey(slug));
  }

  const file = useMutation({
    mutationFn: async () => {
      const body =
        kind === "missing"
          ? { kind: "missing_item", missingLineIds: lines, description: description || undefined }
          : kind === "faulty"
            ? { kind: "faulty_item", lineId: lines[0], description }
            : kind === "lost"
              ? { kind: "lost_package", description: description || undefined }
              : {
                  kind: "lost_return",
                  proofOfPostage: photos.some((p) => p.slot === "proof_of_postage"),
                  description: description || undefined,
                };
      return request<{ claim: Claim; decision: Decision }>("/api/v1/shopper/claims", { body, token });
    },
    onSuccess: async (result) => {
      setClaim(result.claim);
      setDecision(result.decision);
      // A refused report (outside the window, say) needs no photos: the answer is already final.
      if (result.decision.outcome === "rejected") {
        sessionStorage.removeItem(draftKey(slug));
        return;
      }
      await sendPhotos(result.claim);
    },
  });

  const missingSlots = useMemo(
    () => SLOTS[kind].filter((s) => !photos.some((p) => p.slot === s.kind)),
    [kind, photos],
  );
  const ready =
    (kind !== "missing" || lines.length > 0) &&
    (kind !== "faulty" || (lines.length === 1 && description.trim().length > 0));

  if (order.isPending) return <Loading what="your order" />;
  if (order.isError) return <ErrorNote error={order.error} />;
  const o = order.data;
  const done = claim && (decision?.outcome === "rejected" || photos.every((p) => p.state === "sent"));

  if (done && decision)
    return (
      <>
        <h1>
          {decision.outcome === "rejected"
            ? "We could not accept this report"
            : "Thanks, we have your report"}
        </h1>
        <DecisionNote decision={decision} />
        <p>
          {decision.outcome === "rejected"
            ? "Questions about this? Ask us in the chat. "
            : "We will keep you posted by email. "}
          <Link to={`/b/${slug}/order`}>Back to the order</Link>
        </p>
      </>
    );

  return (
    <>
      <h1>Report a problem</h1>
      <p className="muted">Order {o.number}</p>
      <fieldset disabled={Boolean(claim)}>
        <legend>What happened?</legend>
        {KINDS.map(([k, label]) => (
          <label className="check" key={k}>
            <input
              type="radio"
              name="kind"
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setLines([]);
              }}
            />
            {label}
          </label>
        ))}
      </fieldset>

      {clauseText ? <p className="clause">“{clauseText}”</p> : null}

      {kind === "missing" || kind === "faulty" ? (
        <fieldset disabled={Boolean(claim)}>
          <legend>{kind === "missing" ? "Which items are missing?" : "Which item is faulty?"}</legend>
          {o.lines.map((l) => (
            <label className="check" key={l.id}>
              <input
                type={kind === "missing" ? "checkbox" : "radio"}
                name="line"
                checked={lines.includes(l.id)}
                onChange={(e) =>
                  setLines((all) =>
                    kind === "faulty"
                      ? [l.id]
                      : e.target.checked
                        ? [...all, l.id]
                        : all.filter((x) => x !== l.id),
                  )
                }
              />
              {l.title || l.sku}
            </label>
          ))}
        </fieldset>
      ) : null}

      <Field
        label={kind === "faulty" ? "Describe the fault" : "Anything else we should know? (optional)"}
        hint={kind === "faulty" ? "What is wrong, and when you noticed it." : undefined}
      >
        {(f) => (
          <textarea
            id={f.id}
            aria-describedby={f.describedBy}
            value={description}
            maxLength={4000}
            disabled={Boolean(claim)}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>

      {SLOTS[kind].map((slot) => (
        <fieldset key={slot.kind}>
          <legend>{slot.label}</legend>
          <p className="hint">{slot.hint} JPEG, PNG, WebP, GIF or HEIC, up to 10 MB each.</p>
          <label htmlFor={`photo-${slot.kind}`} className="skip">
            Add {slot.label.toLowerCase()}
          </label>
          <input
            id={`photo-${slot.kind}`}
            type="file"
            accept="image/*"
            multiple
            onChange={(e) => {
              addFiles(slot.kind, e.target.files);
              e.target.value = "";
            }}
          />
          <div className="thumbs">
            {photos
              .filter((p) => p.slot === slot.kind)
              .map((p) => (
                <figure key={p.id}>
                  <img src={p.preview} alt={`${slot.label}: ${p.file.name}`} />
                  <figcaption>
                    {p.state === "sending" ? (
                      <progress max={1} value={p.progress} aria-label={`Sending ${p.file.name}`} />
                    ) : p.state === "sent" ? (
                      "Sent"
                    ) : p.state === "failed" ? (
                      <span className="field-error">{p.error}</span>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        style={{ minHeight: "1.8rem", padding: "0 0.4rem" }}
                        onClick={() => setPhotos((all) => all.filter((x) => x.id !== p.id))}
                      >
                        Remove
                      </button>
                    )}
                  </figcaption>
                </figure>
              ))}
          </div>
        </fieldset>
      ))}
      {rejected.map((r) => (
        <Alert key={r} kind="bad">
          {r}
        </Alert>
      ))}
      {kind === "faulty" ? (
        <Alert kind="info">
          Keep the item for now: do not send anything back until we tell you the fault is approved.
        </Alert>
      ) : null}
      {missingSlots.length && SLOTS[kind].length ? (
        <p className="hint">
          Photos still to add: {missingSlots.map((s) => s.label.toLowerCase()).join(", ")}.
        </p>
      ) : null}
      {file.isError ? <Alert kind="bad">{explain(file.error)}</Alert> : null}
      {uploadError ? <Alert kind="bad">{uploadError}</Alert> : null}
      {decision && !done ? <DecisionNote decision={decision} /> : null}
      <div className="actions">
        {claim ? (
          <button type="button" onClick={() => void sendPhotos(claim)}>
            Send the remaining photos
          </button>
        ) : (
          <button type="button" disabled={!ready || file.isPending} onClick={() => file.mutate()}>
            {file.isPending ? "Sending…" : "Send report"}
          </button>
        )}
      </div>
    </>
  );
}

function DecisionNote(props: { decision: Decision }) {
  const d = props.decision;
  if (d.outcome === "rejected")
    return (
      <Alert kind="bad" title="We cannot accept this report.">
        <Findings findings={d.reasons} />
      </Alert>
    );
  if (d.outcome === "needs_information")
    return (
      <Alert kind="warn" title="We need a little more.">
        <Findings findings={d.reasons} />
      </Alert>
    );
  return (
    <Alert kind="ok" title={d.outcome === "approved" ? "Accepted." : "Our team will look at it."}>
      <Findings findings={[...d.reasons, ...d.notices]} />
    </Alert>
  );
}
