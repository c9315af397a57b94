// Column conventions shared by every table type (see src/db/schema.ts for why they are what they are).

/** ISO-8601 UTC timestamp text, always from Date.prototype.toISOString(). */
export type Timestamp = string;
/** A JSON document stored as text; parse at the edge that needs it. */
export type JsonText = string;
/** 0 = no, 1 = yes. */
export type Flag = 0 | 1;
