import { describe, expect, it } from "vitest";
import { flaggedShare, perDaySeries, perHourSeries, percent, scoreSeries, topSignals, weekdayHourPoints } from "./series";

describe("dashboard series", () => {
  it("orders the days and keeps each count apart", () => {
    const s = perDaySeries({
      perDay: {
        "2026-12-05": { logins: 7, failures: 2, flagged: 1, steppedUp: 3, denied: 0, sprayBlocked: 0 },
        "2026-12-03": { logins: 4, failures: 0, flagged: 0, steppedUp: 0, denied: 0, sprayBlocked: 0 },
      },
    });
    expect(s.logins).toEqual([
      { x: "12-03", y: 4 },
      { x: "12-05", y: 7 },
    ]);
    expect(s.flagged.map((p) => p.y)).toEqual([0, 1]);
    expect(s.failures.map((p) => p.y)).toEqual([0, 2]);
    expect(s.steppedUp.map((p) => p.y)).toEqual([0, 3]);
  });

  it("puts the weekday × hour counts on a punch card, Monday on top, empty cells left out", () => {
    const weekdayHour = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    weekdayHour[0][9] = 12; // Monday 09:00
    weekdayHour[6][23] = 1; // Sunday 23:00
    expect(weekdayHourPoints({ weekdayHour })).toEqual([
      { x: 9, y: 6, size: 12 },
      { x: 23, y: 0, size: 1 },
    ]);
    expect(weekdayHourPoints({ weekdayHour: [] })).toEqual([]);
  });

  it("lists the signals behind risky logins, most frequent first", () => {
    expect(topSignals({ signals: { new_ip: 2, new_device: 9, unusual_hour: 2, model_score: 0 } }, 2)).toEqual([
      { signal: "new_device", logins: 9 },
      { signal: "new_ip", logins: 2 },
    ]);
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
