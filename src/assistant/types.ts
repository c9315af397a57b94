// Shapes shared by knowledge-base ingestion, retrieval and the store. The store keeps Passages per
// brand; the retrieval engine is built from a brand's passages and answers questions from them only.

/** A piece of a brand document small enough to cite verbatim (at most 600 characters). */
export interface Passage {
  /** File name of the document it came from, e.g. "returns.md". */
  readonly document: string;
  /** 0-based order within the document. */
  readonly position: number;
  /** The section heading the passage sits under, if the document has headings. */
  readonly heading: string | null;
  /** Verbatim text from the document (whitespace may be normalised), at most 600 characters. */
  readonly text: string;
  /** The help article it belongs to, when the page names one (its title, or an export's article title). */
  readonly title?: string | null | undefined;
  /** The article's public address, when known (an export's article URL, a page's canonical link). */
  readonly url?: string | null | undefined;
}

export type AssistantIntent =
  | "faq"
  | "track_order"
  | "start_return"
  | "start_exchange"
  | "change_order"
  | "cancel_order"
  | "report_missing"
  | "report_faulty"
  | "lost_parcel"
  | "talk_to_person";

export interface Citation {
  readonly document: string;
  readonly text: string;
  /** The help article quoted, and its address, when the imported page named them. */
  readonly title?: string | undefined;
  readonly url?: string | undefined;
}

export interface AssistantAnswer {
  readonly answer: string;
  readonly citations: readonly Citation[];
  /** Calibrated 0..1. */
  readonly confidence: number;
  readonly handoff: boolean;
  readonly intent: AssistantIntent;
  /** Parts of a question holding several that the pages do not answer (passed to the team). */
  readonly unanswered?: readonly string[] | undefined;
  /** The portal flow the shopper is pointed to, for action intents. */
  readonly action?: { readonly flow: string; readonly url: string } | undefined;
}
