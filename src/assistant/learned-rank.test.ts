import { describe, expect, it } from "vitest";
import { candidateFeatures, FEATURE_NAMES, LEARNED_RANK_WEIGHTS, rankPool } from "./learned-rank.ts";

describe("learned second-stage ranking", () => {
  it("has one weight per feature", () => {
    expect(LEARNED_RANK_WEIGHTS).toHaveLength(FEATURE_NAMES.length);
    expect(candidateFeatures(0, undefined, -1, 0, 100)).toHaveLength(FEATURE_NAMES.length);
  });

  it("orders by the weighted features, a tie keeping the pool's order", () => {
    const pool = [
      { text: "a", features: [0, 1] },
      { text: "b", features: [1, 0] },
      { text: "c", features: [0, 1] },
    ];
    expect(rankPool(pool, [2, 1]).map((p) => p.text)).toEqual(["b", "a", "c"]);
    expect(rankPool(pool, [0, 0]).map((p) => p.text)).toEqual(["a", "b", "c"]);
  });

  it("prefers what both engines rank first over a passage neither ranks", () => {
    const measures = {
      closeness: 1,
      lexical: 1,
      bm25: 1,
      coverage: 0.8,
      sentenceCoverage: 0.7,
      headingPrecision: 1,
      headingCoverage: 0.5,
      leadCoverage: 0.5,
      sentencePrecision: 0.5,
      precision: 0.3,
      meaning: 0.6,
      sentenceMeaning: 0.6,
      bestSentenceMeaning: 0.6,
    };
    const best = { text: "best", features: candidateFeatures(0, { place: 0, ...measures }, 0, 0, 200) };
    const other = { text: "other", features: candidateFeatures(-1, undefined, -1, 0, 200) };
    expect(rankPool([other, best], LEARNED_RANK_WEIGHTS)[0]?.text).toBe("best");
  });
});
