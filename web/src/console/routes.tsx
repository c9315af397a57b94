// The console's addresses. Each page is offered to the roles that may use it (CAN in api.ts); a page
// reached by address by another role says so, and the server refuses its calls with 403 in any case.
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, Route, Routes } from "react-router";
import { ErrorNote, Loading } from "../shared/ui.tsx";
import { CAN, type Role } from "./api.ts";
import { Layout } from "./layout.tsx";
import { CasePage } from "./pages/case.tsx";
import { Inbox } from "./pages/inbox.tsx";
import { Login } from "./pages/login.tsx";
import { QcQueue } from "./pages/qc.tsx";
import { ReturnsDesk } from "./pages/returns.tsx";
import { UserProvider, useMe, useUser } from "./session.tsx";

const Money = lazy(() => import("./pages/money.tsx"));
const Discounts = lazy(() => import("./pages/discounts.tsx"));
const Collaborations = lazy(() => import("./pages/collaborations.tsx"));
const Reports = lazy(() => import("./pages/reports.tsx"));
const Settings = lazy(() => import("./pages/settings.tsx"));

export function home(role: Role): string {
  if (CAN.inbox(role)) return "/inbox";
  if (CAN.returns(role)) return "/returns";
  return "/collaborations";
}

function Allowed(props: { can: (r: Role) => boolean; children: ReactNode }) {
  const user = useUser();
  if (!props.can(user.role)) {
    return (
      <>
        <h1>Not available</h1>
        <p>Your role ({user.role}) does not include this page. Ask an admin if you need it.</p>
      </>
    );
  }
  return <Suspense fallback={<Loading what="the page" />}>{props.children}</Suspense>;
}

export function ConsoleRoutes() {
  const me = useMe();
  if (me.isPending) return <Loading what="the console" />;
  if (me.isError)
    return (
      <main id="main">
        <h1>Aftercare console</h1>
        <ErrorNote error={me.error} />
      </main>
    );
  if (!me.data) return <Login />;
  const role = me.data.role;
  return (
    <UserProvider user={me.data}>
      <Layout>
        <Routes>
          <Route path="/" element={<Navigate to={home(role)} replace />} />
          <Route path="/login" element={<Navigate to={home(role)} replace />} />
          <Route
            path="/inbox"
            element={
              <Allowed can={CAN.inbox}>
                <Inbox />
              </Allowed>
            }
          />
          <Route
            path="/cases/:id"
            element={
              <Allowed can={CAN.inbox}>
                <CasePage />
              </Allowed>
            }
          />
          <Route
            path="/returns"
            element={
              <Allowed can={CAN.returns}>
                <ReturnsDesk />
              </Allowed>
            }
          />
          <Route
            path="/returns/:id"
            element={
              <Allowed can={CAN.returns}>
                <ReturnsDesk />
              </Allowed>
            }
          />
          <Route
            path="/qc"
            element={
              <Allowed can={CAN.returns}>
                <QcQueue />
              </Allowed>
            }
          />
          <Route
            path="/money"
            element={
              <Allowed can={CAN.money}>
                <Money />
              </Allowed>
            }
          />
          <Route
            path="/discounts"
            element={
              <Allowed can={CAN.discounts}>
                <Discounts />
              </Allowed>
            }
          />
          <Route
            path="/collaborations"
            element={
              <Allowed can={CAN.collaborations}>
                <Collaborations />
              </Allowed>
            }
          />
          <Route
            path="/reports"
            element={
              <Allowed can={CAN.reports}>
                <Reports />
              </Allowed>
            }
          />
          <Route
            path="/settings/*"
            element={
              <Allowed can={CAN.settings}>
                <Settings />
              </Allowed>
            }
          />
          <Route path="*" element={<h1>Page not found</h1>} />
        </Routes>
      </Layout>
    </UserProvider>
  );
}
