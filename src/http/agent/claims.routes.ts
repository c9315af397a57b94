// The desk's claim queue: agents investigate and resolve, the warehouse judges faults from photos.
import { KIND_OF_TYPE } from "../../app/claims/claim-records.ts";
import { decideQc } from "../../app/claims/decide-qc.ts";
import { createEvidenceStorage, type EvidenceStorage } from "../../app/claims/evidence-storage.ts";
import { getClaimEvidence } from "../../app/claims/get-claim-evidence.ts";
import { listClaims } from "../../app/claims/list-claims.ts";
import { resolveClaim } from "../../app/claims/resolve-claim.ts";
import { ZClaim, ZClaimList } from "../customer/claims.schema.ts";
import type { ServerDeps } from "../deps.ts";
import { sendPrivateFile } from "../private-file.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import {
  ZDeskClaimParams,
  ZDeskClaimsQuery,
  ZEvidenceParams,
  ZQcBody,
  ZQcResult,
  ZResolveClaimBody,
} from "./claims.schema.ts";

const BASE = "/api/v1/desk/claims";

export function deskClaimRoutes(deps: ServerDeps, storage?: EvidenceStorage): RouteSpec[] {
  const db = deps.store.db;
  const evidence = storage ?? createEvidenceStorage({ dataDir: deps.config.dataDir });
  return [
    defineRoute({
      method: "GET",
      url: BASE,
      summary: "Claims of a brand, oldest first, by status and type",
      tags: ["desk", "claims"],
      access: { kind: "staff", roles: ["admin", "agent", "warehouse"] },
      query: ZDeskClaimsQuery,
      response: ZClaimList,
      handler: async ({ query, actor }) => ({
        claims: await listClaims(db, {
          actor,
          brand: query.brand,
          status: query.status,
          kind: query.type ? KIND_OF_TYPE[query.type] : undefined,
          limit: query.limit,
          offset: query.offset,
        }),
      }),
    }),
    defineRoute({
      method: "GET",
      url: `${BASE}/:id/evidence/:evidenceId`,
      summary: "One photo of a claim, as uploaded (an image; never rendered as anything else)",
      tags: ["desk", "claims"],
      access: { kind: "staff", roles: ["admin", "agent", "warehouse"] },
      params: ZEvidenceParams,
      handler: async ({ params, actor, reply }) => {
        const file = await getClaimEvidence(db, evidence, {
          actor,
          claimId: params.id,
          evidenceId: params.evidenceId,
        });
        // Private and never sniffed: the stored type was decided from the bytes at upload.
        return sendPrivateFile(reply, file, "inline");
      },
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/:id/qc`,
      summary:
        "Quality control approves a reported fault (authorising its return, without fee) or rejects it with a reason",
      tags: ["desk", "claims"],
      access: { kind: "staff", roles: ["admin", "warehouse"] },
      params: ZDeskClaimParams,
      body: ZQcBody,
      response: ZQcResult,
      handler: async ({ params, body, actor }) =>
        decideQc(db, {
          actor,
          now: deps.now(),
          claimId: params.id,
          verdict: body.verdict,
          notes: body.notes,
        }),
    }),
    defineRoute({
      method: "POST",
      url: `${BASE}/:id/resolve`,
      summary:
        "Close an investigated claim: reship, refund (paid by the refunds flow) or decline with a reason",
      tags: ["desk", "claims"],
      access: { kind: "staff", roles: ["admin", "agent"] },
      params: ZDeskClaimParams,
      body: ZResolveClaimBody,
      response: ZClaim,
      handler: async ({ params, body, actor }) =>
        resolveClaim(db, { actor, now: deps.now(), claimId: params.id, resolution: body }),
    }),
  ];
}
