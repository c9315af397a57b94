// `/b/:brand/link?token=…&next=…`: a signed link from an email opens the order without typing anything.
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { explain, request } from "../../shared/api.ts";
import { Alert, Loading } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import { saveSession } from "../session.ts";
import type { Session } from "../types.ts";
import { destination } from "./find-order.tsx";

export function LinkLanding() {
  const { slug } = useBrand();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const token = params.get("token");
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    request<Session>(`/api/v1/brands/${encodeURIComponent(slug)}/shopper-session/link`, { body: { token } })
      .then((s) => {
        saveSession(slug, s);
        void navigate(destination(slug, params.get("next"), null), { replace: true });
      })
      .catch((e) => setError(explain(e)));
  }, [slug, token, params, navigate]);
  if (!token || error)
    return (
      <>
        <h1>This link cannot open your order</h1>
        <Alert kind="bad">{error ?? "The link is incomplete."} Links from emails expire after a while.</Alert>
        <p>
          <Link to={`/b/${slug}?next=${encodeURIComponent(params.get("next") ?? "order")}`}>
            Find your order with its number and email instead
          </Link>
          .
        </p>
      </>
    );
  return <Loading what="your order" />;
}
