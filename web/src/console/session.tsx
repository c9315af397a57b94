// Who is signed in: GET /staff/me decides whether the console shows the sign-in page or the desk.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import { ApiError } from "../shared/api.ts";
import { type Brand, type StaffUser, staff } from "./api.ts";

export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      try {
        return await staff<StaffUser>("/staff/me");
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useBrands() {
  return useQuery({
    queryKey: ["brands"],
    queryFn: async () => (await staff<{ brands: Brand[] }>("/desk/brands")).brands,
    staleTime: 300_000,
  });
}

const UserContext = createContext<StaffUser | null>(null);

export function UserProvider(props: { user: StaffUser; children: ReactNode }) {
  return <UserContext.Provider value={props.user}>{props.children}</UserContext.Provider>;
}

export function useUser(): StaffUser {
  const user = useContext(UserContext);
  if (!user) throw new Error("useUser outside the signed-in console");
  return user;
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await staff("/staff/logout", { method: "POST" });
    } finally {
      client.clear();
      client.setQueryData(["me"], null);
    }
  };
}
