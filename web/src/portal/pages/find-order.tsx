// `/b/:brand`: find an order with its number and the email it was placed with. A wrong pair gets one
// message that does not say which half was wrong, so nobody can probe for orders or addresses.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { ApiError, explain, request } from "../../shared/api.ts";
import { Alert, Field } from "../../shared/ui.tsx";
import { useBrand } from "../brand.tsx";
import { saveSession } from "../session.ts";
import type { Session } from "../types.ts";

const ZFindOrder = z.object({
  orderNumber: z.string().trim().min(1, "Enter the order number from your confirmation email."),
  email: z.string().trim().email("Enter the email address you ordered with, like name@example.com."),
});
type TFindOrder = z.infer<typeof ZFindOrder>;

/** Where to go after signing in, from `?next=` (emails and the assistant link with it). */
export function destination(slug: string, next: string | null, back: string | null): string {
  if (back?.startsWith(`/b/${slug}/`)) return back;
  const base = `/b/${slug}`;
  switch (next) {
    case "modify":
    case "change":
      return `${base}/order#modify`;
    case "track":
      return `${base}/order#track`;
    case "cancel":
      return `${base}/order#cancel`;
    case "return":
      return `${base}/return`;
    case "exchange":
      return `${base}/return?kind=exchange`;
    case "missing":
    case "faulty":
    case "lost":
    case "lost_return":
      return `${base}/problem?kind=${next}`;
    case "problem":
      return `${base}/problem`;
    case "cases":
      return `${base}/cases`;
    case "contact":
      return `${base}/contact`;
    default:
      return `${base}/order`;
  }
}

export function FindOrder() {
  const { slug, profile, session } = useBrand();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const form = useForm<TFindOrder>({ resolver: zodResolver(ZFindOrder), mode: "onTouched" });
  const find = useMutation({
    mutationFn: (values: TFindOrder) =>
      request<Session>(`/api/v1/brands/${encodeURIComponent(slug)}/shopper-session`, { body: values }),
    onSuccess: (s) => {
      saveSession(slug, s);
      void navigate(destination(slug, params.get("next"), params.get("back")));
    },
  });
  const errors = form.formState.errors;
  const notFound = find.error instanceof ApiError && (find.error.status === 404 || find.error.status === 401);
  return (
    <>
      <h1>Find your {profile.name} order</h1>
      <p>Track it, change it before it ships, return items or tell us about a problem. No account needed.</p>
      {session ? (
        <Alert kind="info">
          You are looking at order {session.orderNumber}. <a href={`/b/${slug}/order`}>Go to that order</a>,
          or find another one below.
        </Alert>
      ) : null}
      <form
        className="card"
        noValidate
        onSubmit={form.handleSubmit((v) => find.mutate(v))}
        aria-label="Find your order"
      >
        <Field
          label="Order number"
          hint="It is in your order confirmation email."
          error={errors.orderNumber?.message}
        >
          {(f) => (
            <input
              id={f.id}
              type="text"
              autoComplete="off"
              aria-describedby={f.describedBy}
              aria-invalid={f.invalid}
              {...form.register("orderNumber")}
            />
          )}
        </Field>
        <Field label="Email address" hint="The one you placed the order with." error={errors.email?.message}>
          {(f) => (
            <input
              id={f.id}
              type="email"
              autoComplete="email"
              aria-describedby={f.describedBy}
              aria-invalid={f.invalid}
              {...form.register("email")}
            />
          )}
        </Field>
        {find.isError ? (
          <Alert kind="bad">
            {notFound
              ? "We could not find an order with that number and email address. Check both against your confirmation email and try again."
              : explain(find.error)}
          </Alert>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={find.isPending}>
            {find.isPending ? "Looking…" : "Find my order"}
          </button>
        </div>
      </form>
      <p>
        No order number to hand? <a href={`/b/${slug}/contact`}>Ask us in the chat</a>
        {profile.supportEmail ? (
          <>
            {" "}
            or write to <a href={`mailto:${profile.supportEmail}`}>{profile.supportEmail}</a>
          </>
        ) : null}
        .
      </p>
    </>
  );
}
