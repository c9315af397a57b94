import { describe, expect, it } from "vitest";
import { CALIBRATION, CITE_SUPPORT, calibrate, HANDOFF_SUPPORT, NO_SUPPORT } from "./calibration.ts";
import { HANDOFF_THRESHOLD } from "./engine.ts";

const at = (raw: number): number => calibrate({ raw, margin: 0 });

describe("calibrate", () => {
  it("never lowers confidence as support grows, and stays within 0..1", () => {
    let previous = -1;
    for (let raw = -25; raw <= 8; raw += 0.05) {
      const c = at(raw);
      expect(c).toBeGreaterThanOrEqual(previous);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
      previous = c;
    }
  });

  it("gives no confidence without support and interpolates between the fitted points", () => {
    expect(at(NO_SUPPORT)).toBe(0);
    const [a, b] = [CALIBRATION[0], CALIBRATION[1]];
    if (!a || !b) throw new Error("table too short");
    expect(at((a[0] + b[0]) / 2)).toBeCloseTo((a[1] + b[1]) / 2, 2);
  });

  it("hands off exactly below the support threshold", () => {
    expect(at(HANDOFF_SUPPORT)).toBe(HANDOFF_THRESHOLD);
    expect(at(HANDOFF_SUPPORT - 0.05)).toBeLessThan(HANDOFF_THRESHOLD);
    expect(at(HANDOFF_SUPPORT + 0.05)).toBeGreaterThan(HANDOFF_THRESHOLD);
    expect(CITE_SUPPORT).toBeGreaterThan(HANDOFF_SUPPORT);
  });
});
