import type { LoginEvent } from "./api";

/** PatternFly label colours of the in-flow risk levels. */
export const LEVEL_COLORS = { LOW: "green", MEDIUM: "orange", HIGH: "red" } as const;

/** Where a login came from as one short text: country and autonomous system, when Vigil's GeoIP knew them. */
export function place(e: Pick<LoginEvent, "country" | "asn" | "asOrganization">): string {
  const as = e.asn === undefined || e.asn === null ? "" : `AS${e.asn}${e.asOrganization ? ` ${e.asOrganization}` : ""}`;
  return [e.country, as].filter((s) => s).join(" · ");
}

/** A device id as Vigil records it (`d:<cookie id>` for a browser, `ua:<family>` for a password grant), short. */
export function device(deviceId: string | undefined | null): string {
  if (!deviceId || deviceId === "d:none") {
    return "";
  }
  if (deviceId.startsWith("d:")) {
    return `browser ${deviceId.slice(2, 10)}`;
  }
  return deviceId.startsWith("ua:") ? deviceId.slice(3) : deviceId;
}

/** The model's score with the threshold it was flagged at, e.g. `0.71 / 0.62`. */
export function score(e: Pick<LoginEvent, "score" | "threshold">): string {
  if (e.score === undefined || e.score === null) {
    return "";
  }
  return e.threshold === undefined || e.threshold === null
    ? e.score.toFixed(2)
    : `${e.score.toFixed(2)} / ${e.threshold.toFixed(2)}`;
}

/** The query of `GET flagged-logins` for the page's filters; empty filters are left out. */
export type FlaggedFilters = {
  range: "24h" | "7d" | "30d" | "all";
  user: string;
  level: string;
  status: string;
  reason?: string;
};

const RANGE_MILLIS = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;

export function flaggedQuery(
  filters: FlaggedFilters,
  first: number,
  max: number,
  now: number,
): Record<string, string | undefined> {
  return {
    first: String(first),
    max: String(max),
    from: filters.range === "all" ? undefined : String(now - RANGE_MILLIS[filters.range]),
    user: filters.user.trim() || undefined,
    level: filters.level || undefined,
    status: filters.status || undefined,
    reason: filters.reason || undefined,
  };
}

/** Who gave the verdict: an admin's username, or the user through the new-device e-mail (`user:<name>`). */
export function reviewer(
  feedbackBy: string | undefined,
  t: (key: string, o: { user: string }) => string,
): string | undefined {
  if (feedbackBy?.startsWith("user:")) {
    return t("vigilReportedByUser", { user: feedbackBy.slice("user:".length) });
  }
  return feedbackBy;
}
