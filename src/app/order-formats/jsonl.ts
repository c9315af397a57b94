// JSON Lines of orders in Aftercare's own order shape (src/app/order-input.ts), one order a line.
import type { OrderRecord } from "../import-orders.ts";

export function parseJsonLines(text: string): OrderRecord[] {
  const records: OrderRecord[] = [];
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    try {
      records.push({ line: i + 1, data: JSON.parse(line) as unknown });
    } catch (error) {
      records.push({
        line: i + 1,
        error: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  }
  return records;
}
