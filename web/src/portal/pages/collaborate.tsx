// `/b/:brand/collaborate`: a creator applies to work with the brand (platform and handle).
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { explain, request } from "../../shared/api.ts";
import { Alert, Field } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";

const ZApply = z.object({
  platform: z.enum(["Meta", "Instagram", "TikTok"], { message: "Choose a platform." }),
  handle: z
    .string()
    .trim()
    .min(2, "Enter your handle, like @yourname.")
    .max(100)
    .regex(/^@?[\w.]+$/, "A handle has letters, digits, dots and underscores, like @your.name."),
  name: z.string().trim().min(1, "Enter your name.").max(120),
  email: z.string().trim().email("Enter an email address we can answer."),
  message: z.string().trim().max(2000),
});
type TApply = z.infer<typeof ZApply>;

export default function CollaboratePage() {
  const { slug, profile } = useBrand();
  const form = useForm<TApply>({
    resolver: zodResolver(ZApply),
    mode: "onTouched",
    defaultValues: { message: "" },
  });
  const apply = useMutation({
    mutationFn: (v: TApply) =>
      request<{ duplicate: boolean }>(`/api/v1/brands/${encodeURIComponent(slug)}/collaborations`, {
        body: {
          name: v.name,
          platform: v.platform,
          handle: v.handle,
          email: v.email,
          ...(v.message ? { message: v.message } : {}),
        },
      }),
  });
  const e = form.formState.errors;
  return (
    <>
      <h1>Collaborate with {profile.name}</h1>
      <p>Tell us where you create and our partnership team will review your profile.</p>
      {apply.isSuccess ? (
        <Alert kind="ok">
          {apply.data.duplicate
            ? "We already have your application; the team will answer you by email."
            : "Thank you! The partnership team will review your profile and answer by email."}
        </Alert>
      ) : (
        <form className="card" noValidate onSubmit={form.handleSubmit((v) => apply.mutate(v))}>
          <Field label="Your name" error={e.name?.message}>
            {(f) => (
              <input
                id={f.id}
                type="text"
                autoComplete="name"
                aria-invalid={f.invalid}
                aria-describedby={f.describedBy}
                {...form.register("name")}
              />
            )}
          </Field>
          <Field label="Platform" error={e.platform?.message}>
            {(f) => (
              <select
                id={f.id}
                aria-invalid={f.invalid}
                aria-describedby={f.describedBy}
                {...form.register("platform")}
              >
                <option value="">Choose</option>
                <option value="Instagram">Instagram</option>
                <option value="TikTok">TikTok</option>
                <option value="Meta">Meta (Facebook)</option>
              </select>
            )}
          </Field>
          <Field label="Handle" error={e.handle?.message}>
            {(f) => (
              <input
                id={f.id}
                type="text"
                aria-invalid={f.invalid}
                aria-describedby={f.describedBy}
                {...form.register("handle")}
              />
            )}
          </Field>
          <Field label="Email" error={e.email?.message}>
            {(f) => (
              <input
                id={f.id}
                type="email"
                autoComplete="email"
                aria-invalid={f.invalid}
                aria-describedby={f.describedBy}
                {...form.register("email")}
              />
            )}
          </Field>
          <Field label="A few words about you (optional)">
            {(f) => <textarea id={f.id} {...form.register("message")} />}
          </Field>
          {apply.isError ? <Alert kind="bad">{explain(apply.error)}</Alert> : null}
          <div className="actions">
            <button type="submit" disabled={apply.isPending}>
              Send application
            </button>
          </div>
        </form>
      )}
    </>
  );
}
