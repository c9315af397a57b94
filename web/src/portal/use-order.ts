// The signed-in order, read once and shared by every page that shows part of it.
import { useQuery } from "@tanstack/react-query";
import { ApiError, request } from "../shared/api.ts";
import { useBrand } from "./brand.tsx";
import { saveSession } from "./session.ts";
import type { OrderView } from "./types.ts";

export function useOrder() {
  const { slug, session } = useBrand();
  return useQuery({
    queryKey: ["order", slug, session?.orderNumber],
    enabled: Boolean(session),
    queryFn: async () => {
      try {
        return await request<OrderView>("/api/v1/shopper/order", { token: session?.token ?? null });
      } catch (error) {
        // An expired session sends the shopper back to find the order again.
        if (error instanceof ApiError && error.status === 401) saveSession(slug, null);
        throw error;
      }
    },
  });
}

export function useToken(): string | null {
  return useBrand().session?.token ?? null;
}
