// The staff console's entry (web/src/console). Its pages are built in this folder.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "../shared/base.css";

function Console() {
  return (
    <main id="main">
      <h1>Aftercare console</h1>
      <p>The staff console is being built.</p>
    </main>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Console />
    </StrictMode>,
  );
}
