// The brand every portal page under /b/:brand belongs to: its profile, its look, and the shopper's
// session for one of its orders.
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect } from "react";
import { request } from "../shared/api.ts";
import { applyTheme } from "../shared/theme.ts";
import { useSession } from "./session.ts";
import type { BrandProfile, Session } from "./types.ts";

interface BrandState {
  readonly slug: string;
  readonly profile: BrandProfile;
  readonly session: Session | null;
}

const BrandContext = createContext<BrandState | null>(null);

export function useBrandProfile(slug: string) {
  return useQuery({
    queryKey: ["brand", slug],
    queryFn: () => request<BrandProfile>(`/api/v1/brands/${encodeURIComponent(slug)}`),
    staleTime: 5 * 60_000,
    retry: (count, error) => count < 2 && (error as { status?: number }).status !== 404,
  });
}

export function BrandProvider(props: { slug: string; profile: BrandProfile; children: ReactNode }) {
  const session = useSession(props.slug);
  useEffect(() => {
    applyTheme(props.profile.theme);
    document.title = `${props.profile.name}: order help`;
    return () => applyTheme(null);
  }, [props.profile]);
  return (
    <BrandContext.Provider value={{ slug: props.slug, profile: props.profile, session }}>
      {props.children}
    </BrandContext.Provider>
  );
}

export function useBrand(): BrandState {
  const state = useContext(BrandContext);
  if (!state) throw new Error("useBrand outside a brand page");
  return state;
}
