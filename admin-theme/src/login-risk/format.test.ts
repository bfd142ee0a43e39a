import { describe, expect, it } from "vitest";
import { device, flaggedQuery, place, reviewer, score } from "./format";

describe("login row formatting", () => {
  it("shows where a login came from, its device and score", () => {
    expect(place({ country: "FR", asn: 3215, asOrganization: "Orange" })).toBe("FR · AS3215 Orange");
    expect(place({ country: undefined, asn: undefined })).toBe("");
    expect(device("d:0123456789abcdef")).toBe("browser 01234567");
    expect(device("ua:Chrome")).toBe("Chrome");
    expect(device("d:none")).toBe("");
    expect(score({ score: 0.7123, threshold: 0.62 })).toBe("0.71 / 0.62");
    expect(score({ score: undefined, threshold: 0.62 })).toBe("");
  });

  it("turns the filters into the REST query, leaving empty ones out", () => {
    const now = 1_800_000_000_000;
    expect(flaggedQuery({ range: "7d", user: " alice ", level: "HIGH", status: "", reason: "" }, 40, 21, now)).toEqual({
      first: "40",
      max: "21",
      from: String(now - 7 * 86_400_000),
      user: "alice",
      level: "HIGH",
      status: undefined,
      reason: undefined,
    });
    expect(flaggedQuery({ range: "7d", user: "", level: "", status: "", reason: "new_country" }, 0, 21, now).reason)
      .toBe("new_country");
    expect(flaggedQuery({ range: "all", user: "", level: "", status: "open" }, 0, 21, now).from).toBeUndefined();
  });
});

describe("the reviewer of a verdict", () => {
  it("names the user who reported through the e-mail link, or the admin", () => {
    const t = (key: string, o: { user: string }) => `${key} ${JSON.stringify(o)}`;
    expect(reviewer("user:nina", t)).toBe('vigilReportedByUser {"user":"nina"}');
    expect(reviewer("admin", t)).toBe("admin");
    expect(reviewer(undefined, t)).toBeUndefined();
  });
});
