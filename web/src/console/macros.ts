// Macros: each brand's canned replies, kept on the server (GET/POST /desk/macros; edited in Settings →
// Macros, or by any agent of the brand through the API).
// Placeholders ({name}, {order}, {rma}, {brand}, {date}) are filled from the case before the agent
// reads, edits and sends the text.
import { useQuery } from "@tanstack/react-query";
import { staff } from "./api.ts";

export interface Macro {
  readonly id: string;
  readonly name: string;
  readonly body: string;
}

export function useMacros(brand: string) {
  return useQuery({
    queryKey: ["macros", brand],
    queryFn: async () =>
      (await staff<{ macros: Macro[] }>(`/desk/macros?brand=${encodeURIComponent(brand)}`)).macros,
    enabled: brand !== "",
  });
}

/** Saves a macro; saving a name again replaces its text. */
export const saveMacro = (brand: string, name: string, body: string) =>
  staff<Macro>("/desk/macros", { body: { brand, name, body } });

/** Fills the placeholders; an unknown or empty one stays visible so the agent notices it. */
export function applyMacro(body: string, values: Record<string, string>): string {
  return body.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] || whole);
}
