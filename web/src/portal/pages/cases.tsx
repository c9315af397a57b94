// `/b/:brand/cases`: the shopper's conversations with the team about this order.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { request } from "../../shared/api.ts";
import { dateTime, humanize } from "../../shared/format.ts";
import { Badge, ErrorNote, Loading } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import type { CaseSummary } from "../types.ts";
import { useToken } from "../use-order.ts";
import { AskTheTeam } from "./order-change.tsx";

export default function CasesPage() {
  const { slug, session } = useBrand();
  const token = useToken();
  const cases = useQuery({
    queryKey: ["cases", slug, token],
    queryFn: () => request<{ cases: CaseSummary[] }>("/api/v1/shopper/cases", { token }),
    refetchInterval: 30_000,
  });
  return (
    <>
      <h1>My cases</h1>
      <p className="muted">Your questions and requests about order {session?.orderNumber}.</p>
      {cases.isPending ? <Loading what="your cases" /> : null}
      <ErrorNote error={cases.error} />
      {cases.data?.cases.length === 0 ? <p>No cases yet.</p> : null}
      <ul className="list" aria-label="Cases">
        {cases.data?.cases.map((c) => (
          <li key={c.id}>
            <Link to={`/b/${slug}/cases/${c.id}`}>{c.subject}</Link>{" "}
            <Badge kind={c.status === "resolved" || c.status === "closed" ? "ok" : undefined}>
              {humanize(c.status)}
            </Badge>
            <div className="muted">
              {humanize(c.channel)} · opened {dateTime(c.createdAt)} · updated {dateTime(c.updatedAt)}
            </div>
          </li>
        ))}
      </ul>
      <section className="card" style={{ marginTop: "1rem" }}>
        <h2 style={{ marginTop: 0 }}>Ask the team something new</h2>
        <AskTheTeam
          orderNumber={session?.orderNumber ?? ""}
          subject={`Question about order ${session?.orderNumber ?? ""}`}
        />
      </section>
    </>
  );
}
