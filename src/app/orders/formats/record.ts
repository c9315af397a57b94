// The shape every order format's reader yields, kept apart so the readers and the importer do not
// import each other.

/** One order read from a file: its data to validate, or why it could not be read. */
export interface OrderRecord {
  /** Line in the file (the first row of the order in a CSV; the position in a JSON array). */
  readonly line: number;
  readonly data?: unknown;
  readonly error?: string;
  /** The text the data was parsed from, when the record is one line of JSON (fingerprints). */
  readonly text?: string;
}
