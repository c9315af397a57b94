// Settings (admins; loaded on demand): the policy editor, brands (addresses, hours, SLA targets), the
// assistant's knowledge, macros, staff users, API keys, webhooks and their delivery log, the outbox,
// and email (outgoing messages and dead letters).
import { lazy, Suspense } from "react";
import { Navigate, NavLink, Route, Routes } from "react-router";
import { Loading } from "../../shared/ui.tsx";
import { ApiKeys, Macros, Users, Webhooks } from "./settings-admin.tsx";
import { Brands } from "./settings-brands.tsx";
import { Email, Outbox, WebhookLog } from "./settings-delivery.tsx";
import { Knowledge } from "./settings-knowledge.tsx";

const PolicyEditor = lazy(() => import("./policy-editor.tsx"));

export default function Settings() {
  return (
    <>
      <h1>Settings</h1>
      <nav aria-label="Settings" className="toolbar tabs">
        <NavLink to="/settings/policy">Policy</NavLink>
        <NavLink to="/settings/brands">Brands</NavLink>
        <NavLink to="/settings/knowledge">Knowledge</NavLink>
        <NavLink to="/settings/macros">Macros</NavLink>
        <NavLink to="/settings/users">Staff users</NavLink>
        <NavLink to="/settings/api-keys">API keys</NavLink>
        <NavLink to="/settings/webhooks" end>
          Webhooks
        </NavLink>
        <NavLink to="/settings/webhooks/log">Webhook log</NavLink>
        <NavLink to="/settings/outbox">Outbox</NavLink>
        <NavLink to="/settings/email">Email</NavLink>
      </nav>
      <Suspense fallback={<Loading what="the editor" />}>
        <Routes>
          <Route index element={<Navigate to="policy" replace />} />
          <Route path="policy" element={<PolicyEditor />} />
          <Route path="brands" element={<Brands />} />
          <Route path="knowledge" element={<Knowledge />} />
          <Route path="macros" element={<Macros />} />
          <Route path="users" element={<Users />} />
          <Route path="api-keys" element={<ApiKeys />} />
          <Route path="webhooks" element={<Webhooks />} />
          <Route path="webhooks/log" element={<WebhookLog />} />
          <Route path="outbox" element={<Outbox />} />
          <Route path="email" element={<Email />} />
        </Routes>
      </Suspense>
    </>
  );
}
