// The portal's addresses (web/README.md lists them; emails and assistant answers link here).
import { lazy, Suspense } from "react";
import { Navigate, Route, Routes, useLocation, useParams } from "react-router";
import { ErrorNote, Loading } from "../shared/ui.tsx";
import { BrandProvider, useBrand, useBrandProfile } from "./brand.tsx";
import { Layout } from "./layout.tsx";
import { BrandList } from "./pages/brand-list.tsx";
import { FindOrder } from "./pages/find-order.tsx";
import { LinkLanding } from "./pages/link-landing.tsx";
import { OrderPage } from "./pages/order.tsx";

// Pages most visits never reach load on demand, keeping the first page small.
const ReturnPage = lazy(() => import("./pages/return.tsx"));
const ReturnDetail = lazy(() => import("./pages/return-detail.tsx"));
const ProblemPage = lazy(() => import("./pages/problem.tsx"));
const CasesPage = lazy(() => import("./pages/cases.tsx"));
const CasePage = lazy(() => import("./pages/case.tsx"));
const ContactPage = lazy(() => import("./pages/contact.tsx"));
const CollaboratePage = lazy(() => import("./pages/collaborate.tsx"));
const RatePage = lazy(() => import("./pages/rate.tsx"));

export function PortalRoutes() {
  return (
    <Routes>
      <Route path="/" element={<BrandList />} />
      <Route path="/b/:brand/*" element={<BrandPages />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function BrandPages() {
  const slug = useParams().brand ?? "";
  const profile = useBrandProfile(slug);
  if (profile.isPending) return <Loading what="the store" />;
  if (profile.isError)
    return (
      <main>
        <h1>Store not found</h1>
        <ErrorNote error={profile.error} />
        <p>
          <a href="/">See the stores that use this help centre</a>
        </p>
      </main>
    );
  return (
    <BrandProvider slug={slug} profile={profile.data}>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={<FindOrder />} />
            <Route path="link" element={<LinkLanding />} />
            <Route path="order" element={<SignedIn page={<OrderPage />} next="order" />} />
            <Route path="return" element={<SignedIn page={<ReturnPage />} next="return" />} />
            <Route path="returns/:rma" element={<SignedIn page={<ReturnDetail />} next="order" />} />
            <Route path="problem" element={<SignedIn page={<ProblemPage />} next="problem" />} />
            <Route path="cases" element={<SignedIn page={<CasesPage />} next="cases" />} />
            <Route path="cases/:id" element={<SignedIn page={<CasePage />} next="cases" />} />
            <Route path="contact" element={<ContactPage />} />
            <Route path="collaborate" element={<CollaboratePage />} />
            <Route path="rate" element={<RatePage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout>
    </BrandProvider>
  );
}

/** Pages about an order need a session; without one the shopper finds the order first and comes back. */
function SignedIn(props: { page: React.ReactElement; next: string }) {
  const { slug, session } = useBrand();
  const location = useLocation();
  if (session) return props.page;
  const back = `${location.pathname}${location.search}${location.hash}`;
  return (
    <Navigate
      to={`/b/${slug}?next=${encodeURIComponent(props.next)}&back=${encodeURIComponent(back)}`}
      replace
    />
  );
}

function NotFound() {
  return (
    <main>
      <h1>Page not found</h1>
      <p>
        This address does not lead anywhere. <a href="/">Start again from the list of stores</a>.
      </p>
    </main>
  );
}
