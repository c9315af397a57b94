// Security headers (content security policy, framing, sniffing, referrer, HSTS…) as the `helmet`
// library computes them, worked out once when the server is built: they are the same for every
// response, so each request only copies a ready object instead of running a dozen middlewares.
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

export type SecurityHeaders = Readonly<Record<string, string>>;

export function securityHeaders(options: Readonly<HelmetOptions>): SecurityHeaders {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
      return response;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  // helmet runs its middlewares synchronously; anything else would leave headers out silently.
  if (!finished) throw new Error("security headers: helmet did not finish synchronously");
  return Object.freeze(headers);
}
