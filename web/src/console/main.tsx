// The staff console's entry (served at /console). The inbox and the desks load with the console;
// reports (charts) and settings (the policy editor) load when first opened.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import "../shared/base.css";
import "./console.css";
import { ConsoleRoutes } from "./routes.tsx";

const queries = new QueryClient({
  defaultOptions: {
    queries: { refetchOnWindowFocus: true, retry: 1 },
    mutations: { retry: 0 },
  },
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queries}>
        <BrowserRouter basename="/console">
          <ConsoleRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}
