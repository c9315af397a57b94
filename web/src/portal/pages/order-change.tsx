// Changing the delivery address, email or phone (#modify). The form checks as the shopper types,
// including the customs details some destinations need (asked of the brand's policy, so the form and
// the order rules agree). When the policy no longer allows a change, the shopper can ask the team.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { ApiError, explain, request } from "../../shared/api.ts";
import { Alert, Field } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import { Findings } from "../findings.tsx";
import type { Decision, OrderView } from "../types.ts";
import { useToken } from "../use-order.ts";

const ZChange = z.object({
  name: z.string().trim().max(200),
  line1: z.string().trim().min(1, "Enter the street and house number.").max(200),
  line2: z.string().trim().max(200),
  city: z.string().trim().min(1, "Enter the town or city.").max(100),
  region: z.string().trim().max(100),
  postalCode: z.string().trim().max(20, "A postcode is at most 20 characters."),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "Use the two-letter country code, like GB, US, MX or TR."),
  email: z.string().trim().email("Enter an email address like name@example.com."),
  phone: z.string().trim().max(24, "A phone number is at most 24 characters."),
  taxId: z.string().trim().max(40),
});
type TChange = z.infer<typeof ZChange>;

function useCustomsCheck(slug: string, country: string, phone: string, taxId: string, needed: boolean) {
  const [debounced, setDebounced] = useState({ country, phone, taxId });
  useEffect(() => {
    const t = setTimeout(() => setDebounced({ country, phone, taxId }), 400);
    return () => clearTimeout(t);
  }, [country, phone, taxId]);
  return useQuery({
    queryKey: ["customs", slug, debounced],
    enabled: needed && /^[A-Za-z]{2}$/.test(debounced.country),
    queryFn: () =>
      request<Decision>(`/api/v1/brands/${encodeURIComponent(slug)}/customs-check`, {
        body: { country: debounced.country, phone: debounced.phone || null, taxId: debounced.taxId || null },
      }),
  });
}

export function ChangeDetails(props: { order: OrderView; beforeDispatch: boolean }) {
  const { slug, profile } = useBrand();
  const token = useToken();
  const queries = useQueryClient();
  const address = props.order.shippingAddress ?? {};
  const form = useForm<TChange>({
    resolver: zodResolver(ZChange),
    mode: "onChange",
    defaultValues: {
      name: address.name ?? "",
      line1: address.line1 ?? "",
      line2: address.line2 ?? "",
      city: address.city ?? "",
      region: address.region ?? "",
      postalCode: address.postalCode ?? address.postcode ?? "",
      country: (address.country ?? props.order.shippingCountry ?? "").toUpperCase().slice(0, 2),
      email: props.order.email,
      phone: props.order.phone ?? "",
      taxId: address.taxId ?? "",
    },
  });
  const [country, phone, taxId] = useWatch({ control: form.control, name: ["country", "phone", "taxId"] });
  const needs = profile.customs[(country ?? "").toUpperCase()];
  const customs = useCustomsCheck(slug, country ?? "", phone ?? "", taxId ?? "", Boolean(needs));
  const preview = useQuery({
    queryKey: ["preview", "amend", slug, props.order.number, props.order.status],
    queryFn: () => request<Decision>("/api/v1/shopper/changes/preview?change=amend", { token }),
  });

  const save = useMutation({
    mutationFn: (v: TChange) => {
      const dirty = form.formState.dirtyFields;
      const addressChanged = [
        "name",
        "line1",
        "line2",
        "city",
        "region",
        "postalCode",
        "country",
        "taxId",
      ].some((k) => dirty[k as keyof TChange]);
      const shippingAddress = Object.fromEntries(
        Object.entries({
          name: v.name,
          line1: v.line1,
          line2: v.line2,
          city: v.city,
          region: v.region,
          postalCode: v.postalCode,
          country: v.country.toUpperCase(),
          taxId: v.taxId,
        }).filter(([, value]) => value !== ""),
      );
      const body = {
        ...(addressChanged ? { shippingAddress } : {}),
        ...(dirty.email ? { email: v.email } : {}),
        ...(dirty.phone && v.phone ? { phone: v.phone } : {}),
      };
      if (!Object.keys(body).length)
        throw new ApiError(400, "NO_CHANGE", "Change at least one detail first.");
      return request<{ status: "applied" | "pending"; decision: Decision }>("/api/v1/shopper/amend", {
        body,
        token,
      });
    },
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ["order", slug] });
    },
  });

  const errors = form.formState.errors;
  const refused = preview.data?.outcome === "rejected";
  const customsProblems = customs.data?.reasons ?? [];
  const text = (
    name: keyof TChange,
    label: string,
    opts: { hint?: string; type?: string; auto?: string } = {},
  ) => (
    <Field label={label} hint={opts.hint} error={errors[name]?.message}>
      {(f) => (
        <input
          id={f.id}
          type={opts.type ?? "text"}
          autoComplete={opts.auto}
          aria-describedby={f.describedBy}
          aria-invalid={f.invalid}
          {...form.register(name)}
        />
      )}
    </Field>
  );

  return (
    <section className="card" id="modify" aria-labelledby="modify-h">
      <h2 id="modify-h" style={{ marginTop: 0 }}>
        Change delivery details
      </h2>
      {refused || !props.beforeDispatch ? (
        <>
          <Alert kind="warn" title="This order can no longer be changed here.">
            {preview.data ? <Findings findings={preview.data.reasons} /> : "It may already be on its way."}
          </Alert>
          <AskTheTeam orderNumber={props.order.number} />
        </>
      ) : (
        <form noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
          {preview.data?.outcome === "needs_review" ? (
            <Alert kind="info">
              {profile.name} will try to make the change but cannot promise it, and not once the order has
              shipped.
              <Findings findings={preview.data.notices} />
            </Alert>
          ) : (
            <p className="hint">You can change these until the order is dispatched.</p>
          )}
          <fieldset>
            <legend>Delivery address</legend>
            {text("name", "Full name", { auto: "name" })}
            {text("line1", "Address line 1", { auto: "address-line1" })}
            {text("line2", "Address line 2 (optional)", { auto: "address-line2" })}
            <div className="grid two">
              {text("city", "Town or city", { auto: "address-level2" })}
              {text("region", "County, state or region (optional)", { auto: "address-level1" })}
              {text("postalCode", "Postcode", { auto: "postal-code" })}
              {text("country", "Country code", {
                hint: "Two letters, like GB, US, MX or TR.",
                auto: "country",
              })}
            </div>
          </fieldset>
          <fieldset>
            <legend>Contact</legend>
            {text("email", "Email", { type: "email", auto: "email" })}
            {text("phone", needs?.phone ? "Phone number (needed for customs)" : "Phone number", {
              type: "tel",
              auto: "tel",
              hint: needs?.phone ? "With the country code, like +52 55 1234 5678." : undefined,
            })}
            {needs?.taxId
              ? text(
                  "taxId",
                  needs.taxId === "mx_rfc"
                    ? "RFC (tax id, needed for customs)"
                    : "National ID number (11 digits, needed for customs)",
                  {
                    hint:
                      needs.taxId === "mx_rfc"
                        ? "12 or 13 letters and digits, like GODE561231GR8."
                        : "The 11-digit T.C. Kimlik No.",
                  },
                )
              : null}
          </fieldset>
          {needs && customsProblems.length ? (
            <Alert kind="warn" title="Customs details needed for this destination:">
              <Findings findings={customsProblems} />
            </Alert>
          ) : null}
          {save.isSuccess ? (
            <Alert kind="ok">
              {save.data.status === "applied"
                ? "Done: your order now has the new details."
                : "We have your request and will confirm by email whether the change could be made."}
            </Alert>
          ) : null}
          {save.isError ? <SaveError error={save.error} /> : null}
          <div className="actions">
            <button type="submit" disabled={save.isPending || (Boolean(needs) && customsProblems.length > 0)}>
              {save.isPending ? "Saving…" : "Save changes"}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function SaveError(props: { error: unknown }) {
  const details =
    props.error instanceof ApiError
      ? (props.error.details as { decision?: Decision } | undefined)
      : undefined;
  if (details?.decision)
    return (
      <Alert kind="bad" title="This change cannot be made.">
        <Findings findings={details.decision.reasons} />
        It may already be on its way. Ask the team below and they will see what can still be done.
      </Alert>
    );
  return <Alert kind="bad">{explain(props.error)}</Alert>;
}

/** When self-service is closed: a message to the team about the order, which becomes a case. */
export function AskTheTeam(props: { orderNumber: string; subject?: string }) {
  const { slug } = useBrand();
  const token = useToken();
  const [body, setBody] = useState("");
  const send = useMutation({
    mutationFn: () =>
      request<{ id: string }>("/api/v1/shopper/cases", {
        body: { subject: props.subject ?? `Change to order ${props.orderNumber}`, body },
        token,
      }),
  });
  if (send.isSuccess)
    return (
      <Alert kind="ok">
        Your request is with the team. We will answer by email; you can follow it in{" "}
        <a href={`/b/${slug}/cases/${send.data.id}`}>My cases</a>.
      </Alert>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim()) send.mutate();
      }}
    >
      <Field
        label="Ask the team to change it"
        hint="Say what should change; the team will check whether it still can be."
      >
        {(f) => (
          <textarea
            id={f.id}
            aria-describedby={f.describedBy}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            maxLength={20000}
          />
        )}
      </Field>
      {send.isError ? <Alert kind="bad">{explain(send.error)}</Alert> : null}
      <div className="actions">
        <button type="submit" disabled={!body.trim() || send.isPending}>
          Send to the team
        </button>
      </div>
    </form>
  );
}
