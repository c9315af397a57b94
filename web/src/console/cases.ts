// The desk's case API as the console reads it. Fields the email channel adds later (SLA, channel) are
// read defensively: a case without them still shows.
import { staff } from "./api.ts";

export interface CaseSummary {
  readonly id: string;
  readonly brandId: string;
  readonly orderId: string | null;
  readonly customerEmail: string;
  readonly subject: string;
  readonly status: string;
  readonly priority: string;
  readonly channel?: string | null;
  readonly requestType?: string;
  readonly mergedInto?: string | null;
  readonly assigneeId: string | null;
  readonly slaDueAt?: string | null;
  readonly firstResponseAt?: string | null;
  readonly resolvedAt?: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CaseMessage {
  readonly id: string;
  readonly direction: string;
  readonly authorType: string;
  readonly authorId: string | null;
  readonly body: string;
  readonly internal: boolean;
  readonly createdAt: string;
  readonly attachments?: readonly {
    name: string | null;
    contentType: string;
    sizeBytes: number;
    evidence: boolean;
  }[];
}

export interface CaseDetail {
  readonly case: CaseSummary;
  readonly orderNumber: string | null;
  readonly messages: readonly CaseMessage[];
}

export interface CaseFilters {
  brand?: string;
  status?: string;
  assignee?: string;
  channel?: string;
  requestType?: string;
  /** Order number, the shopper's email, or words in the subject or the messages (searched on the server). */
  q?: string;
}

export function listCases(f: CaseFilters): Promise<{ cases: CaseSummary[] }> {
  const q = new URLSearchParams({ limit: "200" });
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return staff(`/desk/cases?${q}`);
}

export const assignCase = (id: string, assigneeId: string | null) =>
  staff<CaseSummary>(`/desk/cases/${encodeURIComponent(id)}/assignee`, {
    method: "PUT",
    body: { assigneeId },
  });

export const setStatus = (id: string, status: string) =>
  staff<CaseSummary>(`/desk/cases/${encodeURIComponent(id)}/status`, { method: "PUT", body: { status } });

/** When the signed-in agent last opened each case, to mark the ones with news as unread. */
const SEEN = "aftercare.console.seen";
export function seenAt(id: string): string | null {
  try {
    return (JSON.parse(localStorage.getItem(SEEN) ?? "{}") as Record<string, string>)[id] ?? null;
  } catch {
    return null;
  }
}
export function markSeen(id: string, at: string): void {
  try {
    const all = JSON.parse(localStorage.getItem(SEEN) ?? "{}") as Record<string, string>;
    all[id] = at;
    localStorage.setItem(SEEN, JSON.stringify(all));
  } catch {
    // Private windows may refuse storage; unread marks are a convenience.
  }
}
