import { useAccess, useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Gallery,
  Label,
  PageSection,
  Spinner,
  Text,
  TextContent,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { vigilRequest, type LoginEvent, type TrustedDevice, type UserPlace } from "../api";
import { device, LEVEL_COLORS, place, score } from "../format";

type Session = { id?: string; ipAddress?: string; start?: number; lastAccess?: number; clients?: Record<string, string> };

/** The credential type of Vigil's typing-rhythm template. */
const KEYSTROKE_CREDENTIAL = "vigil-keystroke";

/**
 * "User risk": one user's last successful login and where from, recent logins with scores and levels, the places
 * and devices they sign in from, trusted browsers (revocable), typing-rhythm enrolment and active sessions
 * (revocable). Sections that need view-users say so to admins without it.
 */
export default function UserRisk() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { userId = "" } = useParams();
  const canViewUsers = hasAccess("view-users");
  const canManageUsers = hasAccess("manage-users");
  const [username, setUsername] = useState<string>();
  const [logins, setLogins] = useState<LoginEvent[]>();
  const [places, setPlaces] = useState<UserPlace[]>();
  const [trusted, setTrusted] = useState<TrustedDevice[]>();
  const [sessions, setSessions] = useState<Session[]>();
  const [typing, setTyping] = useState<{ enrolled: boolean; since?: number }>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    const fail = (e: Error) => current && setError(e.message);
    const user = encodeURIComponent(userId);
    vigilRequest<LoginEvent[]>(adminClient, "login-events", { query: { user: userId, max: "20" } })
      .then((r) => current && setLogins(r))
      .catch(fail);
    vigilRequest<UserPlace[]>(adminClient, `users/${user}/places`)
      .then((r) => current && setPlaces(r))
      .catch(fail);
    if (canViewUsers) {
      adminClient.users
        .findOne({ id: userId })
        .then((u) => current && setUsername(u?.username))
        .catch(fail);
      vigilRequest<TrustedDevice[]>(adminClient, `users/${user}/trusted-devices`)
        .then((r) => current && setTrusted(r))
        .catch(fail);
      adminClient.users
        .listSessions({ id: userId })
        .then((r) => current && setSessions(r))
        .catch(fail);
      adminClient.users
        .getCredentials({ id: userId })
        .then((creds) => {
          const c = creds.find((x) => x.type === KEYSTROKE_CREDENTIAL);
          if (current) setTyping({ enrolled: c !== undefined, since: c?.createdDate });
        })
        .catch(fail);
    }
    return () => {
      current = false;
    };
  }, [adminClient, realm, userId, canViewUsers, reloads]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setNotice(t(done));
      setReloads((n) => n + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const last = logins?.find((e) => e.type === "LOGIN");
  const name = username ?? last?.username ?? logins?.[0]?.username ?? userId;
  const needsViewUsers = <Text component="small">{t("vigilNeedsViewUsers")}</Text>;
  const section = (title: string, testid: string, body: ReactNode) => (
    <Card data-testid={testid}>
      <CardTitle>{t(title)}</CardTitle>
      <CardBody>{body}</CardBody>
    </Card>
  );

  return (
    <>
      <PageSection variant="light">
        <TextContent>
          <Title headingLevel="h1">{t("vigilUserRiskTitle", { user: name })}</Title>
          <Text>
            <Link to={`/${encodeURIComponent(realm)}/users/${encodeURIComponent(userId)}/settings`}>
              {t("vigilOpenUserPage")}
            </Link>
          </Text>
        </TextContent>
      </PageSection>
      <PageSection variant="light" data-testid="vigil-user-risk">
        {error && <Alert variant="danger" isInline title={t("vigilLoadFailed")}>{error}</Alert>}
        {notice && <Alert variant="success" isInline title={notice} />}
        <Gallery hasGutter minWidths={{ default: "420px" }}>
          {section(
            "vigilLastLogin",
            "vigil-user-last-login",
            logins === undefined ? (
              <Spinner size="md" aria-label={t("vigilLoading")} />
            ) : last ? (
              <DescriptionList isCompact isHorizontal>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("vigilColTime")}</DescriptionListTerm>
                  <DescriptionListDescription>{new Date(last.time).toLocaleString()}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("vigilColIp")}</DescriptionListTerm>
                  <DescriptionListDescription>{last.ipAddress}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("vigilColPlace")}</DescriptionListTerm>
                  <DescriptionListDescription>{place(last) || "–"}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("vigilColDevice")}</DescriptionListTerm>
                  <DescriptionListDescription>{device(last.deviceId) || "–"}</DescriptionListDescription>
                </DescriptionListGroup>
              </DescriptionList>
            ) : (
              t("vigilNoLoginYet")
            ),
          )}
          {section(
            "vigilTypingRhythm",
            "vigil-user-typing",
            !canViewUsers
              ? needsViewUsers
              : typing === undefined
                ? <Spinner size="md" aria-label={t("vigilLoading")} />
                : typing.enrolled
                  ? t("vigilTypingEnrolled", { since: typing.since ? new Date(typing.since).toLocaleDateString() : "–" })
                  : t("vigilTypingNotEnrolled"),
          )}
        </Gallery>

        <Title headingLevel="h2" className="pf-v5-u-mt-lg pf-v5-u-mb-sm">{t("vigilRecentLogins")}</Title>
        <Table variant="compact" aria-label={t("vigilRecentLogins")} data-testid="vigil-user-logins">
          <Thead>
            <Tr>
              <Th>{t("vigilColTime")}</Th>
              <Th>{t("vigilColType")}</Th>
              <Th>{t("vigilColIp")}</Th>
              <Th>{t("vigilColPlace")}</Th>
              <Th>{t("vigilColDevice")}</Th>
              <Th>{t("vigilColScore")}</Th>
              <Th>{t("vigilColStepUp")}</Th>
              <Th>{t("vigilColStatus")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {(logins ?? []).map((e) => (
              <Tr key={e.id}>
                <Td>{new Date(e.time).toLocaleString()}</Td>
                <Td>{e.type === "LOGIN" ? t("vigilTypeLogin") : t("vigilTypeFailure", { error: e.error ?? "" })}</Td>
                <Td>{e.ipAddress}</Td>
                <Td>{place(e)}</Td>
                <Td>{device(e.deviceId)}</Td>
                <Td>{score(e)}</Td>
                <Td>{e.riskLevel && <Label color={LEVEL_COLORS[e.riskLevel]}>{t(`vigilLevel.${e.riskLevel}`)}</Label>}</Td>
                <Td>{e.status === "FLAGGED" ? t("vigilStatusFlagged") : e.status === "SCORED" ? t("vigilStatusScored") : e.status}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>

        <Title headingLevel="h2" className="pf-v5-u-mt-lg pf-v5-u-mb-sm">{t("vigilPlaces")}</Title>
        <Table variant="compact" aria-label={t("vigilPlaces")} data-testid="vigil-user-places">
          <Thead>
            <Tr>
              <Th>{t("vigilNetwork")}</Th>
              <Th>{t("vigilCountry")}</Th>
              <Th>{t("vigilColDevice")}</Th>
              <Th>{t("vigilKpiLogins")}</Th>
              <Th>{t("vigilLastSeen")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {(places ?? []).map((p) => (
              <Tr key={`${p.network}|${p.country}|${p.deviceId}`}>
                <Td>{p.network}</Td>
                <Td>{p.country}</Td>
                <Td>{device(p.deviceId)}</Td>
                <Td>{p.logins}</Td>
                <Td>{new Date(p.lastSeen).toLocaleString()}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>

        <Gallery hasGutter minWidths={{ default: "420px" }} className="pf-v5-u-mt-lg">
          {section(
            "vigilTrustedDevices",
            "vigil-user-trusted",
            !canViewUsers ? needsViewUsers : trusted?.length === 0 ? t("vigilNoTrustedDevices") : (
              <Table variant="compact" aria-label={t("vigilTrustedDevices")}>
                <Tbody>
                  {(trusted ?? []).map((d) => (
                    <Tr key={d.id}>
                      <Td>{d.label ?? t("vigilBrowser")}</Td>
                      <Td>{t("vigilTrustedUntil", { until: new Date(d.expiresAt).toLocaleDateString() })}</Td>
                      <Td>
                        {canManageUsers && (
                          <Button variant="link" isDanger onClick={() => void act(
                            () => vigilRequest(adminClient, `users/${encodeURIComponent(userId)}/trusted-devices/${encodeURIComponent(d.id)}`, { method: "DELETE" }),
                            "vigilTrustRevoked")}>
                            {t("vigilRevokeTrust")}
                          </Button>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            ),
          )}
          {section(
            "vigilActiveSessions",
            "vigil-user-sessions",
            !canViewUsers ? needsViewUsers : (
              <>
                {sessions?.length === 0 ? t("vigilNoActiveSessions") : (
                  <Table variant="compact" aria-label={t("vigilActiveSessions")}>
                    <Tbody>
                      {(sessions ?? []).map((s) => (
                        <Tr key={s.id}>
                          <Td>{s.ipAddress}</Td>
                          <Td>{s.start ? new Date(s.start).toLocaleString() : ""}</Td>
                          <Td>{Object.values(s.clients ?? {}).join(", ")}</Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
                {canManageUsers && (sessions?.length ?? 0) > 0 && (
                  <Button variant="danger" className="pf-v5-u-mt-sm" data-testid="vigil-user-revoke-sessions"
                    onClick={() => void act(
                      () => vigilRequest(adminClient, `users/${encodeURIComponent(userId)}/revoke-sessions`, { method: "POST" }),
                      "vigilActionDone.revoke")}>
                    {t("vigilAction.revoke")}
                  </Button>
                )}
              </>
            ),
          )}
        </Gallery>
      </PageSection>
    </>
  );
}
