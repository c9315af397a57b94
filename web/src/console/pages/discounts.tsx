// Discount codes per brand: the list with how often each was used, and a form to create one.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { date, money } from "../../shared/format.ts";
import { Alert, Field, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { BrandPicker } from "../brand-picker.tsx";
import { useBrands } from "../session.tsx";
import { Problem } from "../ui.tsx";

interface Code {
  id: string;
  code: string;
  kind: "percent" | "amount";
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  validUntil: string | null;
  excludeSaleItems: boolean;
  active: boolean;
  maxUses: number | null;
  timesUsed: number;
}

const Schema = z.object({
  code: z.string().trim().min(3, "At least 3 characters").max(32),
  kind: z.enum(["percent", "amount"]),
  value: z.coerce.number().positive("Enter a value above 0"),
  excludeSaleItems: z.boolean(),
});
type Values = z.input<typeof Schema>;

export default function Discounts() {
  const [brand, setBrand] = useState("");
  const brands = useBrands();
  const currency = brands.data?.find((b) => b.slug === brand)?.currency ?? "USD";
  const client = useQueryClient();
  const codes = useQuery({
    queryKey: ["discounts", brand],
    queryFn: () =>
      staff<{ discountCodes: Code[] }>(`/admin/discount-codes?brand=${encodeURIComponent(brand)}`),
    enabled: brand !== "",
  });
  const form = useForm<Values, unknown, z.output<typeof Schema>>({
    resolver: zodResolver(Schema),
    defaultValues: { code: "", kind: "percent", value: 10, excludeSaleItems: true },
  });
  const create = useMutation({
    mutationFn: (v: z.output<typeof Schema>) =>
      staff("/admin/discount-codes", {
        body: {
          brand,
          code: v.code,
          excludeSaleItems: v.excludeSaleItems,
          ...(v.kind === "percent"
            ? { percentOff: Math.round(v.value) }
            : { amountOff: Math.round(v.value * 100) }),
        },
      }),
    onSuccess: () => {
      form.reset();
      void client.invalidateQueries({ queryKey: ["discounts", brand] });
    },
  });
  const e = form.formState.errors;
  return (
    <>
      <h1>Discount codes</h1>
      <div className="toolbar">
        <BrandPicker value={brand} onChange={setBrand} />
      </div>
      <Problem error={codes.error} />
      {codes.isLoading ? <Loading what="codes" /> : null}
      {codes.data ? (
        <table className="queue">
          <caption className="sr-only">Discount codes</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Off</th>
              <th scope="col">Sale items</th>
              <th scope="col">Valid until</th>
              <th scope="col" className="num">
                Used
              </th>
              <th scope="col">Active</th>
            </tr>
          </thead>
          <tbody>
            {codes.data.discountCodes.map((c) => (
              <tr key={c.id}>
                <td>{c.code}</td>
                <td>
                  {c.kind === "percent"
                    ? `${c.percentOff}%`
                    : money(c.amountOff ?? 0, c.currency ?? currency)}
                </td>
                <td>{c.excludeSaleItems ? "Excluded" : "Included"}</td>
                <td>{c.validUntil ? date(c.validUntil) : "No end"}</td>
                <td className="num">
                  {c.timesUsed}
                  {c.maxUses ? ` of ${c.maxUses}` : ""}
                </td>
                <td>{c.active ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="card" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))}>
        <h2>New code</h2>
        <Field label="Code" error={e.code?.message}>
          {(ids) => (
            <input
              id={ids.id}
              type="text"
              aria-invalid={ids.invalid}
              aria-describedby={ids.describedBy}
              {...form.register("code")}
            />
          )}
        </Field>
        <Field label="Kind">
          {(ids) => (
            <select id={ids.id} {...form.register("kind")}>
              <option value="percent">Percent off</option>
              <option value="amount">Amount off ({currency})</option>
            </select>
          )}
        </Field>
        <Field label="Value" error={e.value?.message}>
          {(ids) => (
            <input
              id={ids.id}
              type="number"
              step="0.01"
              aria-invalid={ids.invalid}
              aria-describedby={ids.describedBy}
              {...form.register("value")}
            />
          )}
        </Field>
        <label className="check">
          <input type="checkbox" {...form.register("excludeSaleItems")} /> Not on sale items
        </label>
        <Problem error={create.error} />
        {create.isSuccess ? <Alert kind="ok">Code created.</Alert> : null}
        <button type="submit" disabled={create.isPending || !brand}>
          Create code
        </button>
      </form>
    </>
  );
}
