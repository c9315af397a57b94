// Settings (admins; loaded on demand): the policy editor, macros, staff users, API keys, webhooks.
import { lazy, Suspense } from "react";
import { Navigate, NavLink, Route, Routes } from "react-router";
import { Loading } from "../../shared/ui.tsx";
import { ApiKeys, Macros, Users, Webhooks } from "./settings-admin.tsx";

const PolicyEditor = lazy(() => import("./policy-editor.tsx"));

export default function Settings() {
  return (
    <>
      <h1>Settings</h1>
      <nav aria-label="Settings" className="toolbar">
        <NavLink to="/settings/policy">Policy</NavLink>
        <NavLink to="/settings/macros">Macros</NavLink>
        <NavLink to="/settings/users">Staff users</NavLink>
        <NavLink to="/settings/api-keys">API keys</NavLink>
        <NavLink to="/settings/webhooks">Webhooks</NavLink>
      </nav>
      <Suspense fallback={<Loading what="the editor" />}>
        <Routes>
          <Route index element={<Navigate to="policy" replace />} />
          <Route path="policy" element={<PolicyEditor />} />
          <Route path="macros" element={<Macros />} />
          <Route path="users" element={<Users />} />
          <Route path="api-keys" element={<ApiKeys />} />
          <Route path="webhooks" element={<Webhooks />} />
        </Routes>
      </Suspense>
    </>
  );
}
