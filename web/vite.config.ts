// One Vite project, two pages: the shopper portal (index.html, served at /) and the staff console
// (console/index.html, served at /console). `npm run build:web` writes web/dist, which the server serves.
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: "/",
  plugins: [react()],
  build: {
    outDir: resolve(here, "dist"),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
    rollupOptions: {
      input: {
        portal: resolve(here, "index.html"),
        console: resolve(here, "console/index.html"),
      },
    },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
