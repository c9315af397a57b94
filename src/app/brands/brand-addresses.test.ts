// A brand's own addresses win over its policy's, one by one; anything that is not an address is ignored.
import { describe, expect, it } from "vitest";
import { mergeAddresses, settingsAddresses } from "./brand-addresses.ts";

const policy = { supportEmail: "help@shop.example", partnershipsEmail: "collabs@shop.example" };

describe("brand addresses", () => {
  it("takes each address from the settings when set there, else from the policy", () => {
    expect(mergeAddresses({ supportEmail: "desk@shop.example" }, policy)).toEqual({
      supportEmail: "desk@shop.example",
      partnershipsEmail: "collabs@shop.example",
    });
    expect(mergeAddresses({}, policy)).toEqual(policy);
    expect(mergeAddresses({}, {})).toEqual({ supportEmail: null, partnershipsEmail: null });
  });

  it("ignores settings values that are not addresses", () => {
    expect(settingsAddresses({ supportEmail: 42, partnershipsEmail: "nobody" })).toEqual({
      supportEmail: null,
      partnershipsEmail: null,
    });
    expect(settingsAddresses(null)).toEqual({ supportEmail: null, partnershipsEmail: null });
  });
});
