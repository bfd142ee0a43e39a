import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import {
  ActionList,
  ActionListItem,
  Alert,
  AlertActionCloseButton,
  AlertGroup,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  DrawerActions,
  DrawerCloseButton,
  DrawerHead,
  DrawerPanelBody,
  DrawerPanelContent,
  Modal,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { vigilRequest, type LoginEvent, type LoginEventDetail } from "../api";
import { device, place, reviewer, score } from "../format";
import { parseRiskReasons } from "../reasons";

type Action = "revoke" | "disable" | "safe" | "compromised";

type Props = {
  login: LoginEvent;
  canManageEvents: boolean;
  canManageUsers: boolean;
  onClose: () => void;
  onChanged: (login: LoginEvent) => void;
};

/** The details drawer of one flagged login: every feature, the reasons, and the admin's actions. */
export function LoginDetails({ login, canManageEvents, canManageUsers, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const [confirming, setConfirming] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [alerts, setAlerts] = useState<{ key: number; variant: "success" | "danger"; text: string }[]>([]);
  const [features, setFeatures] = useState<Record<string, number>>();
  useEffect(() => {
    let current = true;
    setFeatures(undefined);
    vigilRequest<LoginEventDetail>(adminClient, `login-events/${encodeURIComponent(login.id)}`)
      .then((d) => current && setFeatures(d.features ?? undefined))
      .catch(() => current && setFeatures(undefined)); // the row itself is shown all the same
    return () => {
      current = false;
    };
  }, [adminClient, login.id]);
  const say = (variant: "success" | "danger", text: string) =>
    setAlerts((a) => [...a, { key: Date.now() + a.length, variant, text }]);

  const run = async (action: Action) => {
    setBusy(true);
    try {
      if (action === "revoke") {
        await vigilRequest(adminClient, `users/${encodeURIComponent(login.userId!)}/revoke-sessions`, { method: "POST" });
      } else if (action === "disable") {
        await adminClient.users.update({ id: login.userId! }, { enabled: false });
      } else {
        const changed = await vigilRequest<LoginEventDetail>(
          adminClient,
          `login-events/${encodeURIComponent(login.id)}/feedback`,
          { method: "POST", body: { feedback: action } },
        );
        onChanged(changed.login);
      }
      say("success", t(`vigilActionDone.${action}`));
    } catch (e) {
      say("danger", `${t(`vigilActionFailed.${action}`)}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
      setConfirming(undefined);
    }
  };

  // which action needs which roles (the REST checks them again): a verdict needs manage-events, and
  // "compromised" also manage-users as it ends the user's sessions; the user actions need manage-users
  const offered: Action[] = [
    ...(canManageUsers && login.userId ? (["revoke", "disable"] as const) : []),
    ...(canManageEvents ? (["safe"] as const) : []),
    ...(canManageEvents && canManageUsers ? (["compromised"] as const) : []),
  ];
  const row = (term: string, value: React.ReactNode) =>
    value === undefined || value === null || value === "" ? null : (
      <DescriptionListGroup key={term}>
        <DescriptionListTerm>{t(term)}</DescriptionListTerm>
        <DescriptionListDescription>{value}</DescriptionListDescription>
      </DescriptionListGroup>
    );

  return (
    <DrawerPanelContent widths={{ default: "width_50" }} data-testid="vigil-login-details">
      <DrawerHead>
        <Title headingLevel="h2">{t("vigilLoginDetails")}</Title>
        <DrawerActions>
          <DrawerCloseButton onClick={onClose} />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody>
        <AlertGroup isToast isLiveRegion>
          {alerts.map((a) => (
            <Alert
              key={a.key}
              variant={a.variant}
              title={a.text}
              timeout={8000}
              onTimeout={() => setAlerts((all) => all.filter((x) => x.key !== a.key))}
              actionClose={<AlertActionCloseButton onClose={() => setAlerts((all) => all.filter((x) => x.key !== a.key))} />}
            />
          ))}
        </AlertGroup>
        {offered.length > 0 && (
          <ActionList className="pf-v5-u-mb-lg">
            {offered.map((action) => (
              <ActionListItem key={action}>
                <Button
                  variant={action === "compromised" || action === "disable" ? "danger" : "secondary"}
                  isDisabled={busy}
                  onClick={() => setConfirming(action)}
                  data-testid={`vigil-action-${action}`}
                >
                  {t(`vigilAction.${action}`)}
                </Button>
              </ActionListItem>
            ))}
          </ActionList>
        )}
        <DescriptionList isCompact isHorizontal>
          {row("vigilColTime", new Date(login.time).toLocaleString())}
          {row("vigilColUser", login.username ?? login.userId)}
          {row("vigilColIp", login.ipAddress)}
          {row("vigilNetwork", login.network)}
          {row("vigilColPlace", place(login))}
          {row("vigilColDevice", device(login.deviceId))}
          {row("vigilUserAgent", login.userAgent)}
          {row("vigilColClient", login.clientId)}
          {row("vigilAuthMethod", login.authMethod ?? login.grantType)}
          {row("vigilColTyping", login.keystroke)}
          {row("vigilColScore", score(login))}
          {row("vigilModel", login.modelKind && `${login.modelKind} v${login.modelVersion ?? "?"}`)}
          {row("vigilColStepUp", login.riskLevel && `${t(`vigilLevel.${login.riskLevel}`)} (${login.riskScore?.toFixed(2)})`)}
          {row("vigilColStatus", t(`vigilReview.${login.feedback ? login.feedback.toLowerCase() : "open"}`))}
          {row("vigilFeedbackBy", reviewer(login.feedbackBy, (key, o) => t(key, o)))}
          {row("vigilColAction", login.actionTaken && `${login.actionTaken}${login.dryRun ? ` (${t("vigilDryRun")})` : ""}`)}
        </DescriptionList>
        {parseRiskReasons(login.riskReasons).length > 0 && (
          <>
            <Title headingLevel="h3" className="pf-v5-u-mt-lg pf-v5-u-mb-sm">{t("vigilStepUpReasons")}</Title>
            <Table variant="compact" aria-label={t("vigilStepUpReasons")}>
              <Thead>
                <Tr>
                  <Th>{t("vigilSignal")}</Th>
                  <Th>{t("vigilValue")}</Th>
                  <Th>{t("vigilPoints")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {parseRiskReasons(login.riskReasons).map((r) => (
                  <Tr key={r.signal}>
                    <Td>{r.signal}</Td>
                    <Td>{r.value}</Td>
                    <Td>{r.points > 0 ? `+${r.points.toFixed(2)}` : r.points.toFixed(2)}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </>
        )}
        {(login.reasons ?? []).length > 0 && (
          <>
            <Title headingLevel="h3" className="pf-v5-u-mt-lg pf-v5-u-mb-sm">{t("vigilModelReasons")}</Title>
            <Table variant="compact" aria-label={t("vigilModelReasons")}>
              <Thead>
                <Tr>
                  <Th>{t("vigilFeature")}</Th>
                  <Th>{t("vigilValue")}</Th>
                  <Th>{t("vigilUserTypical")}</Th>
                  <Th>{t("vigilRealmTypical")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {login.reasons!.map((r) => (
                  <Tr key={r.feature}>
                    <Td>{r.feature}</Td>
                    <Td>{r.value.toFixed(2)}</Td>
                    <Td>{r.userTypical === undefined || r.userTypical === null ? "" : r.userTypical.toFixed(2)}</Td>
                    <Td>{r.realmTypical.toFixed(2)}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </>
        )}
        {features && (
          <>
            <Title headingLevel="h3" className="pf-v5-u-mt-lg pf-v5-u-mb-sm">{t("vigilFeatures")}</Title>
            <DescriptionList isCompact isHorizontal data-testid="vigil-login-features">
              {Object.entries(features).map(([name, value]) => (
                <DescriptionListGroup key={name}>
                  <DescriptionListTerm>{name}</DescriptionListTerm>
                  <DescriptionListDescription>{Number.isFinite(value) ? value.toFixed(3) : String(value)}</DescriptionListDescription>
                </DescriptionListGroup>
              ))}
            </DescriptionList>
          </>
        )}
      </DrawerPanelBody>
      {confirming && (
        <Modal
          variant="small"
          title={t(`vigilConfirm.${confirming}`)}
          isOpen
          onClose={() => setConfirming(undefined)}
          actions={[
            <Button
              key="confirm"
              variant={confirming === "compromised" || confirming === "disable" ? "danger" : "primary"}
              isLoading={busy}
              isDisabled={busy}
              onClick={() => void run(confirming)}
              data-testid="vigil-confirm"
            >
              {t(`vigilAction.${confirming}`)}
            </Button>,
            <Button key="cancel" variant="link" onClick={() => setConfirming(undefined)}>
              {t("cancel")}
            </Button>,
          ]}
        >
          {t(`vigilConfirmText.${confirming}`, { user: login.username ?? login.userId })}
        </Modal>
      )}
    </DrawerPanelContent>
  );
}
