/** One signal of the in-flow assessment as the login row keeps it: `signal=value(+points)`. */
export type RiskReason = { signal: string; value: string; points: number };

/**
 * Reads the in-flow assessment's reasons (`new_device=new(+1.50),new_country=FR(+1.20)`); the strongest first.
 * Parts that do not read as a reason are skipped: the row is shown, never refused, for a malformed text.
 */
export function parseRiskReasons(text: string | undefined | null): RiskReason[] {
  if (!text) {
    return [];
  }
  const reasons: RiskReason[] = [];
  for (const part of splitTopLevel(text)) {
    const m = /^\s*([^=]+)=(.*)\(([+-]?\d+(?:\.\d+)?)\)\s*$/.exec(part);
    if (m) {
      reasons.push({ signal: m[1].trim(), value: m[2], points: Number(m[3]) });
    } else if (part.startsWith("fallback=")) {
      // the assessment failed and the realm's fallback level was used: value = what failed
      reasons.push({ signal: "fallback", value: part.slice("fallback=".length), points: 0 });
    }
  }
  return reasons.sort((a, b) => b.points - a.points);
}

/** The reasons that raised the risk, strongest first, at most `n`. */
export function topReasons(text: string | undefined | null, n = 3): RiskReason[] {
  return parseRiskReasons(text)
    .filter((r) => r.points > 0)
    .slice(0, n);
}

/** Splits on commas that are not inside parentheses (a value may hold a comma, e.g. an organisation's name). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== "");
}

/**
 * The reasons the flagged-logins filter offers, as `GET flagged-logins?reason=` takes them: the in-flow signals
 * (`RiskSignal` ids) and the model's features (`Feature` report names). The server refuses any other name.
 */
export const FILTER_REASONS = {
  signals: [
    "new_device",
    "new_ip",
    "new_network",
    "new_asn",
    "new_country",
    "impossible_travel",
    "unusual_hour",
    "user_failures",
    "ip_failures",
    "sessions_elsewhere",
    "typing_rhythm",
    "model_score",
    "likelihood",
    "ip_deny",
  ],
  features: [
    "hour_of_day",
    "day_of_week",
    "ip_changed",
    "new_device",
    "logins_today",
    "new_network",
    "log_hours_since_last",
    "active_sessions",
    "new_client",
  ],
} as const;
