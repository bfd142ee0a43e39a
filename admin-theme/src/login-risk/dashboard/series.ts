import type { Stats } from "../api";

/** One point of a chart: x label, y value. */
export type Point = { x: string; y: number };

/** The days of the window in order, each with its logins, failures, flags and step-ups. */
export function perDaySeries(stats: Pick<Stats, "perDay">): {
  logins: Point[];
  failures: Point[];
  flagged: Point[];
  steppedUp: Point[];
} {
  const days = Object.keys(stats.perDay).sort();
  const series = (pick: "logins" | "failures" | "flagged" | "steppedUp") =>
    days.map((d) => ({ x: d.slice(5), y: stats.perDay[d][pick] ?? 0 }));
  return {
    logins: series("logins"),
    failures: series("failures"),
    flagged: series("flagged"),
    steppedUp: series("steppedUp"),
  };
}

/**
 * The weekday × hour counts as a punch card: one point per non-empty cell, x the hour, y the weekday from Monday
 * at the top (6) to Sunday at the bottom (0), size the count.
 */
export function weekdayHourPoints(stats: Pick<Stats, "weekdayHour">): { x: number; y: number; size: number }[] {
  const points: { x: number; y: number; size: number }[] = [];
  (stats.weekdayHour ?? []).forEach((hours, weekday) =>
    hours.forEach((count, hour) => {
      if (count > 0) {
        points.push({ x: hour, y: 6 - weekday, size: count });
      }
    }),
  );
  return points;
}

/** The signals that raised logins to MEDIUM or HIGH, most frequent first, at most `n`. */
export function topSignals(stats: Pick<Stats, "signals">, n = 8): { signal: string; logins: number }[] {
  return Object.entries(stats.signals ?? {})
    .map(([signal, logins]) => ({ signal, logins }))
    .filter((s) => s.logins > 0)
    .sort((a, b) => b.logins - a.logins || a.signal.localeCompare(b.signal))
    .slice(0, n);
}

/** Successful logins per hour of day, 0–23. */
export function perHourSeries(stats: Pick<Stats, "loginsPerHour">): { x: number; y: number }[] {
  return Array.from({ length: 24 }, (_, h) => ({ x: h, y: stats.loginsPerHour[h] ?? 0 }));
}

/** The score histogram's ten bins, each at its centre (0.05, 0.15, …), so that the threshold can be drawn on it. */
export function scoreSeries(stats: Pick<Stats, "scoreHistogram">): { x: number; y: number }[] {
  return Array.from({ length: 10 }, (_, i) => ({ x: (2 * i + 1) / 20, y: stats.scoreHistogram[i] ?? 0 }));
}

/** The share of successful logins that were flagged, as a percentage with one decimal ("–" without logins). */
export function flaggedShare(stats: Pick<Stats, "logins" | "flagged">): string {
  return stats.logins === 0 ? "–" : `${((100 * stats.flagged) / stats.logins).toFixed(1)} %`;
}

/** A ratio of the model-quality figures as a percentage, or "–" while it is undefined. */
export function percent(ratio: number | undefined | null): string {
  return ratio === undefined || ratio === null ? "–" : `${(100 * ratio).toFixed(1)} %`;
}
