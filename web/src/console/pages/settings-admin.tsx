// Admin settings: macros per brand, staff users and roles, API keys, webhooks. Secrets (a generated
// password, an API key, a webhook signing secret) are shown once, when made.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { dateTime, humanize } from "../../shared/format.ts";
import { Alert, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { BrandPicker } from "../brand-picker.tsx";
import { saveMacro, useMacros } from "../macros.ts";
import { useBrands } from "../session.tsx";
import { Problem, TextInput } from "../ui.tsx";

export function Macros() {
  const [brand, setBrand] = useState("");
  return (
    <>
      <h2>Macros</h2>
      <p className="muted">
        Canned replies per brand, offered in every case of the brand. Placeholders: {"{name}"}, {"{order}"},{" "}
        {"{rma}"}, {"{brand}"}, {"{date}"} (the refund date promised on the open return).
      </p>
      <div className="toolbar">
        <BrandPicker value={brand} onChange={setBrand} id="macro-brand" />
      </div>
      {brand ? <MacroList key={brand} brand={brand} /> : null}
    </>
  );
}

function MacroList(props: { brand: string }) {
  const client = useQueryClient();
  const macros = useMacros(props.brand);
  const [name, setName] = useState("");
  const [body, setBody] = useState("");
  const refresh = () => void client.invalidateQueries({ queryKey: ["macros", props.brand] });
  const save = useMutation({
    mutationFn: () => saveMacro(props.brand, name.trim(), body),
    onSuccess: () => {
      setName("");
      setBody("");
      refresh();
    },
  });
  return (
    <>
      <Problem error={macros.error} />
      {macros.data?.length === 0 ? <p>No macros for this brand yet.</p> : null}
      <ul>
        {macros.data?.map((m) => (
          <li key={m.id}>
            <strong>{m.name}</strong>
            <pre style={{ whiteSpace: "pre-wrap" }}>{m.body}</pre>
          </li>
        ))}
      </ul>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <h3>Add a macro, or replace one by its name</h3>
        <TextInput id="macro-name" label="Name" value={name} onChange={setName} />
        <div className="field">
          <label htmlFor="macro-body">Text</label>
          <textarea id="macro-body" rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <Problem error={save.error} />
        <button type="submit" disabled={!name.trim() || !body.trim() || save.isPending}>
          Save macro
        </button>
      </form>
    </>
  );
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  brand_id: string | null;
  active: number;
  last_login_at: string | null;
}

export function Users() {
  const client = useQueryClient();
  const brands = useBrands();
  const users = useQuery({
    queryKey: ["staff-users"],
    queryFn: () => staff<{ users: UserRow[] }>("/admin/staff-users"),
  });
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState("agent");
  const [brand, setBrand] = useState("");
  const create = useMutation({
    mutationFn: () =>
      staff<{ generatedPassword: string | null }>("/admin/staff-users", {
        body: { email, name, role, ...(brand ? { brand } : {}) },
      }),
    onSuccess: () => {
      setEmail("");
      setName("");
      void client.invalidateQueries({ queryKey: ["staff-users"] });
    },
  });
  const brandName = (id: string | null) =>
    id ? (brands.data?.find((b) => b.id === id)?.name ?? id) : "Every brand";
  return (
    <>
      <h2>Staff users</h2>
      <Problem error={users.error} />
      {users.isPending ? <Loading what="users" /> : null}
      {users.data ? (
        <table className="queue">
          <caption className="sr-only">Staff users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Brand</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{humanize(u.role)}</td>
                <td>{brandName(u.brand_id)}</td>
                <td>{u.last_login_at ? dateTime(u.last_login_at) : "Never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <h3>Add a user</h3>
        <TextInput id="user-email" label="Email" type="email" value={email} onChange={setEmail} />
        <TextInput id="user-name" label="Name" value={name} onChange={setName} />
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {["admin", "agent", "warehouse", "partnerships"].map((r) => (
              <option key={r} value={r}>
                {humanize(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-brand">Brand</label>
          <select id="user-brand" value={brand} onChange={(e) => setBrand(e.target.value)}>
            <option value="">Every brand</option>
            {(brands.data ?? []).map((b) => (
              <option key={b.slug} value={b.slug}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <Problem error={create.error} />
        {create.data?.generatedPassword ? (
          <Alert kind="ok" title="User added.">
            Their password, shown once: <code>{create.data.generatedPassword}</code>
          </Alert>
        ) : null}
        <button type="submit" disabled={!email.trim()}>
          Add user
        </button>
      </form>
    </>
  );
}

interface KeyRow {
  id: string;
  name: string;
  key_prefix: string;
  brand_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function ApiKeys() {
  const client = useQueryClient();
  const keys = useQuery({
    queryKey: ["api-keys"],
    queryFn: () => staff<{ apiKeys: KeyRow[] }>("/admin/api-keys"),
  });
  const [name, setName] = useState("");
  const refresh = () => void client.invalidateQueries({ queryKey: ["api-keys"] });
  const create = useMutation({
    mutationFn: () => staff<{ secret: string }>("/admin/api-keys", { body: { name } }),
    onSuccess: () => {
      setName("");
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => staff(`/admin/api-keys/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: refresh,
  });
  return (
    <>
      <h2>API keys</h2>
      <Problem error={keys.error ?? revoke.error} />
      {keys.data ? (
        <table className="queue">
          <caption className="sr-only">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.apiKeys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>{k.key_prefix}</code>
                </td>
                <td>{k.last_used_at ? dateTime(k.last_used_at) : "Never"}</td>
                <td>
                  {k.revoked_at ? (
                    `Revoked ${dateTime(k.revoked_at)}`
                  ) : (
                    <button type="button" className="secondary" onClick={() => revoke.mutate(k.id)}>
                      Revoke {k.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <TextInput id="key-name" label="New key's name" value={name} onChange={setName} />
        <Problem error={create.error} />
        {create.data ? (
          <Alert kind="ok" title="Key made.">
            Copy it now; it is not shown again: <code>{create.data.secret}</code>
          </Alert>
        ) : null}
        <button type="submit" disabled={!name.trim()}>
          Make key
        </button>
      </form>
    </>
  );
}

interface HookRow {
  id: string;
  brand_id: string;
  url: string;
  events: string[];
  active: boolean;
  created_at: string;
}

export function Webhooks() {
  const client = useQueryClient();
  const [brand, setBrand] = useState("");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState("*");
  const hooks = useQuery({
    queryKey: ["webhooks", brand],
    queryFn: () => staff<{ webhooks: HookRow[] }>(`/admin/webhooks?brand=${encodeURIComponent(brand)}`),
    enabled: brand !== "",
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ["webhooks"] });
  const create = useMutation({
    mutationFn: () =>
      staff<{ secret: string }>("/admin/webhooks", {
        body: {
          brand,
          url,
          events: events
            .split(",")
            .map((e) => e.trim())
            .filter(Boolean),
        },
      }),
    onSuccess: () => {
      setUrl("");
      refresh();
    },
  });
  const disable = useMutation({
    mutationFn: (id: string) =>
      staff(`/admin/webhooks/${encodeURIComponent(id)}/disable`, { method: "POST" }),
    onSuccess: refresh,
  });
  return (
    <>
      <h2>Webhooks</h2>
      <div className="toolbar">
        <BrandPicker value={brand} onChange={setBrand} id="webhook-brand" />
      </div>
      <Problem error={hooks.error ?? disable.error} />
      {hooks.data ? (
        <table className="queue">
          <caption className="sr-only">Webhook subscriptions</caption>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {hooks.data.webhooks.map((h) => (
              <tr key={h.id}>
                <td>{h.url}</td>
                <td>{h.events.join(", ")}</td>
                <td>
                  {h.active ? (
                    <button type="button" className="secondary" onClick={() => disable.mutate(h.id)}>
                      Disable
                    </button>
                  ) : (
                    "Disabled"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <TextInput id="hook-url" label="Address (https://…)" value={url} onChange={setUrl} />
        <TextInput
          id="hook-events"
          label="Events (comma separated; * for all)"
          value={events}
          onChange={setEvents}
        />
        <Problem error={create.error} />
        {create.data ? (
          <Alert kind="ok" title="Subscribed.">
            Signing secret, shown once: <code>{create.data.secret}</code>
          </Alert>
        ) : null}
        <button type="submit" disabled={!url.trim() || !brand}>
          Subscribe
        </button>
      </form>
    </>
  );
}
