// Staff sign in with email and password; the server sets the session and CSRF cookies.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Field } from "../../shared/ui.tsx";
import { type StaffUser, staff } from "../api.ts";
import { Problem } from "../ui.tsx";

const Schema = z.object({
  email: z.string().trim().min(3, "Enter your work email"),
  password: z.string().min(1, "Enter your password"),
});
type Values = z.infer<typeof Schema>;

export function Login() {
  const client = useQueryClient();
  const form = useForm<Values>({ resolver: zodResolver(Schema), defaultValues: { email: "", password: "" } });
  const login = useMutation({
    mutationFn: (v: Values) => staff<{ user: StaffUser }>("/staff/login", { body: v }),
    onSuccess: (r) => {
      client.setQueryData(["me"], r.user);
    },
  });
  const errors = form.formState.errors;
  return (
    <main id="main" style={{ maxWidth: "26rem", margin: "4rem auto", padding: "0 1rem" }}>
      <h1>Sign in to the Aftercare console</h1>
      <form className="card" noValidate onSubmit={form.handleSubmit((v) => login.mutate(v))}>
        <Field label="Email" error={errors.email?.message}>
          {(ids) => (
            <input
              id={ids.id}
              type="email"
              autoComplete="username"
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              {...form.register("email")}
            />
          )}
        </Field>
        <Field label="Password" error={errors.password?.message}>
          {(ids) => (
            <input
              id={ids.id}
              type="password"
              autoComplete="current-password"
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              {...form.register("password")}
            />
          )}
        </Field>
        {login.isError ? <Problem error={login.error} title="Could not sign in." /> : null}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
