// Settings → Brands: a brand's name, the addresses its mail arrives at and leaves from, the desk's opening
// hours and SLA targets per request type. Saved targets apply to cases opened afterwards; an address left
// empty falls back to the one in the brand's policy, which is shown as the field's hint.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { dateTime, humanize } from "../../shared/format.ts";
import { Alert, Field, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { BrandPicker } from "../brand-picker.tsx";
import { Problem, TableScroll } from "../ui.tsx";

interface Target {
  firstResponseHours: number;
  resolutionHours: number;
}
interface Addresses {
  supportEmail: string | null;
  partnershipsEmail: string | null;
}
export interface BrandSettings {
  brand: string;
  name: string;
  timeZone: string;
  addresses: Addresses;
  policyAddresses: Addresses;
  serviceLevels: {
    opens: string;
    closes: string;
    targets: Record<string, Target>;
    nearBreachShare: number;
    returnReminderDays: number;
    autoCloseDays: number;
  };
  requestTypes: string[];
  updatedAt: string;
}

const hours = z
  .string()
  .trim()
  .refine((v) => v === "" || (Number(v) > 0 && Number(v) <= 5000), "Hours above 0");
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time such as 09:00");
const address = z.union([z.literal(""), z.email("Enter an email address")]);

const Schema = z
  .object({
    name: z.string().trim().min(1, "Enter the brand's name").max(100),
    supportEmail: address,
    partnershipsEmail: address,
    opens: clock,
    closes: clock,
    targets: z.record(z.string(), z.object({ firstResponseHours: hours, resolutionHours: hours })),
  })
  .superRefine((v, ctx) => {
    if (v.opens >= v.closes) {
      ctx.addIssue({ code: "custom", path: ["closes"], message: "The desk must close after it opens" });
    }
    for (const [type, t] of Object.entries(v.targets)) {
      const first = t.firstResponseHours.trim();
      const resolution = t.resolutionHours.trim();
      if (type === "default" && (!first || !resolution)) {
        ctx.addIssue({ code: "custom", path: ["targets", type, "firstResponseHours"], message: "Required" });
      } else if (Boolean(first) !== Boolean(resolution)) {
        ctx.addIssue({
          code: "custom",
          path: ["targets", type, first ? "resolutionHours" : "firstResponseHours"],
          message: "Fill in both, or neither",
        });
      } else if (first && Number(first) > Number(resolution)) {
        ctx.addIssue({
          code: "custom",
          path: ["targets", type, "firstResponseHours"],
          message: "Not after the resolution",
        });
      }
    }
  });
type Values = z.infer<typeof Schema>;

const typesOf = (s: BrandSettings) => ["default", ...s.requestTypes];

function toValues(s: BrandSettings): Values {
  const targets: Values["targets"] = {};
  for (const type of typesOf(s)) {
    const t =
      s.serviceLevels.targets[type] ??
      (type === "default" ? { firstResponseHours: 8, resolutionHours: 40 } : null);
    targets[type] = {
      firstResponseHours: t ? String(t.firstResponseHours) : "",
      resolutionHours: t ? String(t.resolutionHours) : "",
    };
  }
  return {
    name: s.name,
    supportEmail: s.addresses.supportEmail ?? "",
    partnershipsEmail: s.addresses.partnershipsEmail ?? "",
    opens: s.serviceLevels.opens,
    closes: s.serviceLevels.closes,
    targets,
  };
}

function toBody(v: Values, s: BrandSettings) {
  const targets: Record<string, Target> = {};
  for (const [type, t] of Object.entries(v.targets)) {
    if (t.firstResponseHours.trim() && t.resolutionHours.trim()) {
      targets[type] = {
        firstResponseHours: Number(t.firstResponseHours),
        resolutionHours: Number(t.resolutionHours),
      };
    }
  }
  return {
    name: v.name,
    supportEmail: v.supportEmail || null,
    partnershipsEmail: v.partnershipsEmail || null,
    serviceLevels: {
      opens: v.opens,
      closes: v.closes,
      targets,
      nearBreachShare: s.serviceLevels.nearBreachShare,
      returnReminderDays: s.serviceLevels.returnReminderDays,
      autoCloseDays: s.serviceLevels.autoCloseDays,
    },
  };
}

export function Brands() {
  const [brand, setBrand] = useState("");
  const settings = useQuery({
    queryKey: ["brand-settings", brand],
    queryFn: () => staff<BrandSettings>(`/admin/brands/${encodeURIComponent(brand)}/settings`),
    enabled: brand !== "",
  });
  return (
    <>
      <h2>Brands</h2>
      <p className="muted">
        The brand's name, where its mail arrives and leaves from, and the care desk's hours and targets. Cases
        opened after a change get the new targets; open cases keep their due times.
      </p>
      <div className="toolbar">
        <BrandPicker value={brand} onChange={setBrand} id="settings-brand" />
      </div>
      <Problem error={settings.error} />
      {settings.isLoading ? <Loading what="the brand's settings" /> : null}
      {settings.data ? <BrandForm key={brand} settings={settings.data} /> : null}
    </>
  );
}

function BrandForm(props: { settings: BrandSettings }) {
  const s = props.settings;
  const client = useQueryClient();
  const form = useForm<Values>({
    resolver: zodResolver(Schema),
    defaultValues: toValues(s),
    mode: "onTouched",
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      staff<BrandSettings>(`/admin/brands/${encodeURIComponent(s.brand)}/settings`, {
        method: "PUT",
        body: toBody(v, s),
      }),
    onSuccess: (saved) => {
      client.setQueryData(["brand-settings", s.brand], saved);
      // The brand's name appears in every brand picker.
      void client.invalidateQueries({ queryKey: ["brands"] });
      form.reset(toValues(saved));
    },
  });
  const e = form.formState.errors;
  // What an empty row means: the saved default, shown as each empty field's placeholder.
  const fallback = s.serviceLevels.targets.default ?? { firstResponseHours: 8, resolutionHours: 40 };
  const policyHint = (a: string | null) =>
    a ? `Empty: the policy's address, ${a}.` : "Empty: none (the policy names no address).";
  return (
    <form className="card settings-form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <Field label="Name" error={e.name?.message}>
        {(f) => (
          <input
            id={f.id}
            type="text"
            aria-describedby={f.describedBy}
            aria-invalid={f.invalid}
            {...form.register("name")}
          />
        )}
      </Field>
      <div className="grid two">
        <Field
          label="Support address"
          hint={`Shoppers write here; the SMTP receiver opens cases from it. ${policyHint(s.policyAddresses.supportEmail)}`}
          error={e.supportEmail?.message}
        >
          {(f) => (
            <input
              id={f.id}
              type="email"
              autoComplete="off"
              placeholder={s.policyAddresses.supportEmail ?? ""}
              aria-describedby={f.describedBy}
              aria-invalid={f.invalid}
              {...form.register("supportEmail")}
            />
          )}
        </Field>
        <Field
          label="Partnerships address"
          hint={`Collaboration requests and replies. ${policyHint(s.policyAddresses.partnershipsEmail)}`}
          error={e.partnershipsEmail?.message}
        >
          {(f) => (
            <input
              id={f.id}
              type="email"
              autoComplete="off"
              placeholder={s.policyAddresses.partnershipsEmail ?? ""}
              aria-describedby={f.describedBy}
              aria-invalid={f.invalid}
              {...form.register("partnershipsEmail")}
            />
          )}
        </Field>
      </div>
      <fieldset>
        <legend>Business hours</legend>
        <p className="hint">
          On the brand's business days, in {s.timeZone}; public holidays come from the brand's policy.
        </p>
        <div className="grid two">
          <Field label="Opens" error={e.opens?.message}>
            {(f) => (
              <input
                id={f.id}
                type="text"
                inputMode="numeric"
                aria-describedby={f.describedBy}
                aria-invalid={f.invalid}
                {...form.register("opens")}
              />
            )}
          </Field>
          <Field label="Closes" error={e.closes?.message}>
            {(f) => (
              <input
                id={f.id}
                type="text"
                inputMode="numeric"
                aria-describedby={f.describedBy}
                aria-invalid={f.invalid}
                {...form.register("closes")}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>SLA targets, in business hours</legend>
        <p className="hint">
          First response: the first answer to the shopper; resolution: the case solved. A request type left
          empty uses the default, shown in grey.
        </p>
        <TableScroll label="SLA targets per request type">
          <table className="queue targets">
            <caption className="sr-only">SLA targets per request type</caption>
            <thead>
              <tr>
                <th scope="col">Request type</th>
                <th scope="col">First response</th>
                <th scope="col">Resolution</th>
              </tr>
            </thead>
            <tbody>
              {typesOf(s).map((type) => {
                const label = humanize(type);
                const rowErrors = e.targets?.[type];
                const problem = rowErrors?.firstResponseHours?.message ?? rowErrors?.resolutionHours?.message;
                return (
                  <tr key={type}>
                    <th scope="row">
                      {label}
                      {problem ? (
                        <span className="field-error" id={`target-${type}-error`}>
                          {" "}
                          {problem}
                        </span>
                      ) : null}
                    </th>
                    {(["firstResponseHours", "resolutionHours"] as const).map((key) => (
                      <td key={key}>
                        <input
                          type="number"
                          min="0"
                          step="any"
                          inputMode="decimal"
                          placeholder={type === "default" ? "" : String(fallback[key])}
                          aria-label={`${label}: ${key === "firstResponseHours" ? "first response" : "resolution"} hours`}
                          aria-invalid={Boolean(rowErrors?.[key])}
                          aria-describedby={problem ? `target-${type}-error` : undefined}
                          {...form.register(`targets.${type}.${key}`)}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </fieldset>
      <Problem error={save.error} title="Not saved." />
      <ValidationDetails error={save.error} />
      {save.isSuccess && !form.formState.isDirty ? (
        <Alert kind="ok" title="Saved.">
          Cases opened from now on use these targets.
        </Alert>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save brand settings
        </button>
        <span className="muted">Last changed {dateTime(s.updatedAt)}</span>
      </div>
    </form>
  );
}

/** The server's field problems (details of a 400), for what the form's own checks did not catch. */
function ValidationDetails(props: { error: unknown }) {
  const details = (props.error as { details?: unknown } | null)?.details;
  const problems = Array.isArray(details)
    ? (details as { path?: string; message?: string }[])
    : ((details as { problems?: { path?: string; message?: string }[] } | undefined)?.problems ?? []);
  if (problems.length === 0) return null;
  return (
    <ul className="problems">
      {problems.map((p) => (
        <li key={`${p.path}-${p.message}`}>
          {p.path ? <code>{p.path}</code> : null} {p.message}
        </li>
      ))}
    </ul>
  );
}
