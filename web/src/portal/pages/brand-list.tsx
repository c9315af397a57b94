// `/`: the stores of this install, each leading to its own order help.
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "react-router";
import { request } from "../../shared/api.ts";
import { ErrorNote, Loading } from "../../shared/ui.tsx";
import type { BrandListing } from "../types.ts";

export function BrandList() {
  const brands = useQuery({ queryKey: ["brands"], queryFn: () => request<BrandListing>("/api/v1/brands") });
  useEffect(() => {
    document.title = "Order help";
  }, []);
  return (
    <main id="main">
      <h1>Order help</h1>
      <p>Choose the store you ordered from to track, change or return your order, or to get help.</p>
      {brands.isPending ? <Loading what="stores" /> : null}
      <ErrorNote error={brands.error} />
      <ul className="grid two list" aria-label="Stores">
        {brands.data?.brands.map((b) => (
          <li key={b.slug} className="card" style={{ borderTop: `6px solid ${b.theme.primary}` }}>
            <h2 style={{ marginTop: 0 }}>{b.name}</h2>
            <Link
              className="button"
              to={`/b/${b.slug}`}
              style={{ background: b.theme.primary, borderColor: b.theme.primary }}
            >
              Help with a {b.name} order
            </Link>
          </li>
        ))}
      </ul>
      <p className="muted">
        Staff: <a href="/console">sign in to the console</a>. Developers:{" "}
        <a href="/docs">API documentation</a>.
      </p>
    </main>
  );
}
