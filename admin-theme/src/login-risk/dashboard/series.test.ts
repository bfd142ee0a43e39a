import { describe, expect, it } from "vitest";
import { flaggedShare, perDaySeries, perHourSeries, percent, scoreSeries } from "./series";

describe("dashboard series", () => {
  it("orders the days and keeps each count apart", () => {
    const s = perDaySeries({
      perDay: {
        "2026-12-05": { logins: 7, failures: 2, flagged: 1 },
        "2026-12-03": { logins: 4, failures: 0, flagged: 0 },
      },
    });
    expect(s.logins).toEqual([
      { x: "12-03", y: 4 },
      { x: "12-05", y: 7 },
    ]);
    expect(s.flagged.map((p) => p.y)).toEqual([0, 1]);
    expect(s.failures.map((p) => p.y)).toEqual([0, 2]);
  });

  it("has 24 hours and 10 score bins whatever the server sent", () => {
    expect(perHourSeries({ loginsPerHour: [5, 1] })).toHaveLength(24);
    expect(perHourSeries({ loginsPerHour: [5, 1] })[1]).toEqual({ x: 1, y: 1 });
    expect(perHourSeries({ loginsPerHour: [] })[23]).toEqual({ x: 23, y: 0 });
    const scores = scoreSeries({ scoreHistogram: [3, 0, 0, 0, 0, 0, 2] });
    expect(scores).toHaveLength(10);
    expect(scores[0]).toEqual({ x: 0.05, y: 3 });
    expect(scores[6].y).toBe(2);
    expect(scores[9]).toEqual({ x: 0.95, y: 0 });
  });

  it("shows shares and undefined ratios as an admin reads them", () => {
    expect(flaggedShare({ logins: 200, flagged: 3 })).toBe("1.5 %");
    expect(flaggedShare({ logins: 0, flagged: 0 })).toBe("–");
    expect(percent(0.8333)).toBe("83.3 %");
    expect(percent(undefined)).toBe("–");
  });
});
