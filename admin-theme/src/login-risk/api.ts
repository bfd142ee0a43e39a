import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";

/** One recorded login as `GET …/vigil/login-events` and `…/flagged-logins` return it. */
export type LoginEvent = {
  id: string;
  time: number;
  type: "LOGIN" | "LOGIN_ERROR" | string;
  error?: string;
  userId?: string;
  username?: string;
  clientId?: string;
  sessionId?: string;
  ipAddress?: string;
  userAgent?: string;
  deviceId?: string;
  network?: string;
  authMethod?: string;
  grantType?: string;
  keystroke?: string;
  status: string;
  score?: number;
  threshold?: number;
  reasons?: ModelReason[];
  modelVersion?: number;
  modelKind?: string;
  actionTaken?: string;
  dryRun?: boolean;
  feedback?: "SAFE" | "COMPROMISED";
  feedbackBy?: string;
  feedbackAt?: number;
  scoringAttempts: number;
  riskLevel?: "LOW" | "MEDIUM" | "HIGH";
  riskScore?: number;
  riskReasons?: string;
  country?: string;
  asn?: number;
  asOrganization?: string;
  latitude?: number;
  longitude?: number;
  geoAccuracyKm?: number;
};

/** One login with the feature vector the model scored, by feature name (`GET …/vigil/login-events/{id}`). */
export type LoginEventDetail = { login: LoginEvent; features?: Record<string, number> | null };

/** What made the model score a login high: one feature, its value, the realm's and user's typical values. */
export type ModelReason = {
  feature: string;
  value: number;
  realmTypical: number;
  userTypical?: number;
  deviation: number;
};

/**
 * An error answer of Vigil's admin REST, with the server's own message (e.g. which parameter is wrong) and, for a
 * settings PUT, the problem of each setting by name.
 */
export class VigilRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * A call to Vigil's admin REST of the realm the console shows (`/admin/realms/{realm}/vigil/{path}`), with the
 * console's own admin token.
 */
export async function vigilRequest<T>(
  adminClient: KeycloakAdminClient,
  path: string,
  init: { method?: string; body?: unknown; query?: Record<string, string | undefined> } = {},
): Promise<T> {
  const token = await adminClient.getAccessToken();
  const query = new URLSearchParams();
  Object.entries(init.query ?? {}).forEach(([k, v]) => v !== undefined && v !== "" && query.set(k, v));
  const url =
    `${adminClient.baseUrl.replace(/\/$/, "")}/admin/realms/${encodeURIComponent(adminClient.realmName)}/vigil/${path}` +
    (query.size > 0 ? `?${query}` : "");
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) {
    const { message, fields } = await errorOf(response);
    throw new VigilRequestError(response.status, message, fields);
  }
  const text = await response.text();
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

async function errorOf(response: Response): Promise<{ message: string; fields: Record<string, string> }> {
  const fallback = `${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    const fields: Record<string, string> = {};
    for (const e of Array.isArray(body.errors) ? body.errors : []) {
      if (typeof e?.field === "string" && typeof e?.errorMessage === "string") {
        fields[e.field] = e.errorMessage;
      }
    }
    return { message: body.errorMessage ?? body.error_description ?? body.error ?? fallback, fields };
  } catch {
    return { message: fallback, fields: {} };
  }
}

/** One day of `GET …/vigil/stats` (realm's time zone). */
export type DayCounts = {
  logins: number;
  failures: number;
  flagged: number;
  steppedUp: number;
  denied: number;
  sprayBlocked: number;
};

/** A country or network (AS) with its successful logins and how many of them were flagged. */
export type TopPlace = { key: string; label?: string; logins: number; flagged: number };

/** `GET …/vigil/stats`: the window's figures, counted by the database and folded into the realm's time zone. */
export type Stats = {
  from: number;
  to: number;
  timeZone: string;
  perDay: Record<string, DayCounts>;
  loginsPerHour: number[];
  /** logins by weekday (0 = Monday) and hour of day */
  weekdayHour: number[][];
  logins: number;
  failures: number;
  flagged: number;
  steppedUp: number;
  denied: number;
  sprayBlocked: number;
  activeSessions: number;
  actions: Record<string, number>;
  scoreHistogram: number[];
  /** in-flow signals by how many MEDIUM or HIGH logins they were a reason of, most first */
  signals: Record<string, number>;
  countries: TopPlace[];
  networks: TopPlace[];
};

/** `GET …/vigil/model`: the model scoring the realm's logins and its quality on the admins' verdicts. */
export type ModelStatus = {
  version: number;
  kind: "BOOTSTRAP" | "REALM";
  trainedAt?: number;
  samples: number;
  /** the model's calibrated threshold */
  threshold: number;
  /** the realm's setting that overrides it: what flags is `flagThreshold ?? threshold` */
  flagThreshold?: number;
  contamination: number;
  realLogins: number;
  minRealLogins: number;
  metrics: {
    labelled: number;
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
    trueNegatives: number;
    precision?: number;
    recall?: number;
    f1?: number;
  };
};

/** `GET …/vigil/users/{id}/places`: where the user signed in from, counted by the database. */
export type UserPlace = { network?: string; country?: string; deviceId?: string; logins: number; lastSeen: number };

/** `GET …/vigil/users/{id}/trusted-devices`: a browser the user trusts now (never its device id). */
export type TrustedDevice = { id: string; label?: string; createdAt: number; expiresAt: number };
