// `/b/:brand/rate?token=…&score=N`: the one-click rating from the survey email. The click records the
// score; a comment can follow.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { explain, request } from "../../shared/api.ts";
import { Alert, Field } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";

export default function RatePage() {
  const { profile } = useBrand();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const score = Number(params.get("score"));
  const [comment, setComment] = useState("");
  const sent = useRef(false);
  const rate = useMutation({
    mutationFn: (body: { token: string; score: number; comment?: string }) =>
      request("/api/v1/satisfaction", { body }),
  });
  const valid = token && Number.isInteger(score) && score >= 1 && score <= 5;
  useEffect(() => {
    if (!valid || sent.current) return;
    sent.current = true;
    rate.mutate({ token, score });
  }, [valid, token, score, rate]);
  if (!valid)
    return (
      <Alert kind="bad">
        This rating link is incomplete. Use the buttons in the email {profile.name} sent you.
      </Alert>
    );
  return (
    <>
      <h1>Thank you for your rating</h1>
      {rate.isError ? <Alert kind="bad">{explain(rate.error)}</Alert> : null}
      {rate.isSuccess ? <Alert kind="ok">We recorded {score} out of 5.</Alert> : null}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (comment.trim()) rate.mutate({ token, score, comment: comment.trim() });
        }}
      >
        <Field label="Anything you would like to add? (optional)">
          {(f) => (
            <textarea
              id={f.id}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              maxLength={2000}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" disabled={!comment.trim() || rate.isPending}>
            Send comment
          </button>
        </div>
      </form>
    </>
  );
}
