// A stored file sent to the one caller allowed to see it: its type decided from the bytes when it was
// kept, never sniffed by the browser, never cached, and shown inline or offered as a download.
import type { FastifyReply } from "fastify";

export function sendPrivateFile(
  reply: FastifyReply,
  file: { readonly contentType: string; readonly sha256: string; readonly bytes: Buffer },
  disposition: string,
): FastifyReply {
  return reply
    .type(file.contentType)
    .header("cache-control", "private, no-store")
    .header("x-content-type-options", "nosniff")
    .header("content-disposition", disposition)
    .header("etag", `"${file.sha256}"`)
    .send(file.bytes);
}
