// A signed-in shopper's claims: report a missing or faulty item, a lost parcel or a lost return on the
// order, upload photos (multipart, images only, checked by content), and follow each claim.
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { addClaimEvidence } from "../../app/claims/add-claim-evidence.ts";
import { createEvidenceStorage, type EvidenceStorage } from "../../app/claims/evidence-storage.ts";
import { type FileClaimInput, fileClaim } from "../../app/claims/file-claim.ts";
import { listClaims } from "../../app/claims/list-claims.ts";
import { AppError } from "../../app/kernel/errors.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  type TFileClaimBody,
  ZAddedEvidence,
  ZClaimList,
  ZClaimParams,
  ZEvidenceQuery,
  ZFileClaimBody,
  ZFiledClaim,
} from "./claims.schema.ts";

const BASE = "/api/v1/shopper/claims";

function claimInput(body: TFileClaimBody): FileClaimInput {
  const { kind, ...fields } = body;
  return { type: kind, ...fields } as FileClaimInput;
}

/** The one file of a multipart upload and the `kind` field, within the storage's size limit. */
export async function readUpload(
  request: FastifyRequest,
  storage: EvidenceStorage,
): Promise<{ bytes: Buffer; filename: string; kind: string | undefined }> {
  if (!request.isMultipart()) {
    throw new AppError("VALIDATION", "Send the photo as multipart/form-data with a `file` part.");
  }
  // A body that is not well-formed multipart (a cut-off part, a wrong boundary) is the sender's error;
  // the plugin's own 4xx errors (over the size limit: 413) are reported as they are.
  const unreadable = (error: unknown): never => {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) throw error;
    throw new AppError("VALIDATION", "The upload could not be read as multipart/form-data.", {
      field: "file",
    });
  };
  const file: MultipartFile | undefined = await request
    .file({ limits: { fileSize: storage.maxBytes, files: 1 } })
    .catch(unreadable);
  if (!file) throw new AppError("VALIDATION", "No file was uploaded.", { field: "file" });
  const bytes = await file.toBuffer().catch(unreadable);
  const field = file.fields.kind;
  const kind = field && !Array.isArray(field) && field.type === "field" ? String(field.value) : undefined;
  return { bytes, filename: file.filename, kind };
}

export function shopperClaimRoutes(deps: ServerDeps, storage?: EvidenceStorage): RouteSpec[] {
  const db = deps.store.db;
  const evidence = storage ?? createEvidenceStorage({ dataDir: deps.config.dataDir });
  return [
    defineRoute({
      method: "GET",
      url: BASE,
      summary: "The claims about the signed-in order, with their decisions and photos",
      tags: ["shopper", "claims"],
      access: { kind: "shopper" },
      response: ZClaimList,
      handler: async ({ actor }) => ({ claims: await listClaims(db, { actor }) }),
    }),
    defineRoute({
      method: "POST",
      url: BASE,
      summary:
        "Report a missing item, a faulty item, a lost parcel or a lost return; the answer says which photos are still needed",
      tags: ["shopper", "claims"],
      access: { kind: "shopper" },
      body: ZFileClaimBody,
      response: ZFiledClaim,
      status: 201,
      handler: async ({ body, actor }) => {
        if (actor.type !== "shopper") throw new AppError("UNAUTHORIZED", "Find your order first.");
        return fileClaim(db, { actor, now: deps.now(), orderId: actor.orderId, claim: claimInput(body) });
      },
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/:id/evidence`,
      summary:
        "Upload one photo to a claim (multipart/form-data: a `kind` field, then a `file` part; JPEG, PNG, WebP, GIF or HEIC, checked by content, at most 10 MB)",
      tags: ["shopper", "claims"],
      access: { kind: "shopper" },
      params: ZClaimParams,
      query: ZEvidenceQuery,
      response: ZAddedEvidence,
      status: 201,
      handler: async ({ params, query, actor, request }) => {
        const upload = await readUpload(request, evidence);
        return addClaimEvidence(db, evidence, {
          actor,
          now: deps.now(),
          claimId: params.id,
          kind: query.kind ?? upload.kind ?? "",
          bytes: upload.bytes,
          originalName: upload.filename,
        });
      },
    }),
  ];
}
