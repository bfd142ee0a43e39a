import { useAccess, useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import {
  Alert,
  Button,
  Drawer,
  DrawerContent,
  DrawerContentBody,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  FormSelect,
  FormSelectOption,
  FormSelectOptionGroup,
  Label,
  PageSection,
  Pagination,
  SearchInput,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { vigilRequest, type LoginEvent } from "../api";
import { device, flaggedQuery, LEVEL_COLORS, place, score, type FlaggedFilters } from "../format";
import { FILTER_REASONS, topReasons } from "../reasons";
import { LoginDetails } from "./LoginDetails";

const PAGE_SIZES = [10, 20, 50, 100];

/** "Flagged logins": the logins the realm's model flagged, newest first, paged by the server. */
export default function FlaggedLogins() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const [filters, setFilters] = useState<FlaggedFilters>({ range: "30d", user: "", level: "", status: "", reason: "" });
  const [userText, setUserText] = useState("");
  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(20);
  const [rows, setRows] = useState<LoginEvent[]>();
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<LoginEvent>();
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    setError(undefined);
    // one row more than the page: whether there is a next page, without counting every row
    vigilRequest<LoginEvent[]>(adminClient, "flagged-logins", {
      query: flaggedQuery(filters, first, max + 1, Date.now()),
    })
      .then((r) => current && setRows(r))
      .catch((e: Error) => current && (setRows([]), setError(e.message)));
    return () => {
      current = false;
    };
  }, [adminClient, realm, filters, first, max, reloads]);

  const change = (next: Partial<FlaggedFilters>) => {
    setFirst(0);
    setFilters({ ...filters, ...next });
  };
  const pageRows = rows?.slice(0, max) ?? [];
  const userLink = (e: LoginEvent) =>
    e.userId ? (
      <Link to={`/${encodeURIComponent(realm)}/vigil/users/${encodeURIComponent(e.userId)}`}>{e.username ?? e.userId}</Link>
    ) : (
      (e.username ?? "")
    );

  const details = selected && (
    <LoginDetails
      login={selected}
      canManageEvents={hasAccess("manage-events")}
      canManageUsers={hasAccess("manage-users")}
      onClose={() => setSelected(undefined)}
      onChanged={(changed) => {
        setSelected(changed);
        setReloads((n) => n + 1);
      }}
    />
  );

  return (
    <>
      <ViewHeader titleKey="vigilFlaggedLogins" subKey="vigilFlaggedLoginsHelp" />
      <PageSection variant="light" padding={{ default: "noPadding" }}>
        <Drawer isExpanded={selected !== undefined} isInline>
          <DrawerContent panelContent={details}>
            <DrawerContentBody>
              <Toolbar>
                <ToolbarContent>
                  <ToolbarItem>
                    <FormSelect
                      aria-label={t("vigilTimeRange")}
                      value={filters.range}
                      onChange={(_e, v) => change({ range: v as FlaggedFilters["range"] })}
                    >
                      {(["24h", "7d", "30d", "all"] as const).map((r) => (
                        <FormSelectOption key={r} value={r} label={t(`vigilRange.${r}`)} />
                      ))}
                    </FormSelect>
                  </ToolbarItem>
                  <ToolbarItem>
                    <SearchInput
                      aria-label={t("vigilUserFilter")}
                      placeholder={t("vigilUserFilter")}
                      value={userText}
                      onChange={(_e, v) => setUserText(v)}
                      onSearch={() => change({ user: userText })}
                      onClear={() => {
                        setUserText("");
                        change({ user: "" });
                      }}
                    />
                  </ToolbarItem>
                  <ToolbarItem>
                    <FormSelect
                      aria-label={t("vigilLevelFilter")}
                      value={filters.level}
                      onChange={(_e, v) => change({ level: v })}
                    >
                      <FormSelectOption value="" label={t("vigilAnyLevel")} />
                      {(["LOW", "MEDIUM", "HIGH"] as const).map((l) => (
                        <FormSelectOption key={l} value={l} label={t(`vigilLevel.${l}`)} />
                      ))}
                    </FormSelect>
                  </ToolbarItem>
                  <ToolbarItem>
                    <FormSelect
                      aria-label={t("vigilReasonFilter")}
                      data-testid="vigil-reason-filter"
                      value={filters.reason}
                      onChange={(_e, v) => change({ reason: v })}
                    >
                      <FormSelectOption value="" label={t("vigilAnyReason")} />
                      <FormSelectOptionGroup label={t("vigilStepUpReasons")}>
                        {FILTER_REASONS.signals.map((r) => (
                          <FormSelectOption key={`s-${r}`} value={r} label={r} />
                        ))}
                      </FormSelectOptionGroup>
                      <FormSelectOptionGroup label={t("vigilModelReasons")}>
                        {FILTER_REASONS.features
                          .filter((r) => !(FILTER_REASONS.signals as readonly string[]).includes(r))
                          .map((r) => (
                            <FormSelectOption key={`f-${r}`} value={r} label={r} />
                          ))}
                      </FormSelectOptionGroup>
                    </FormSelect>
                  </ToolbarItem>
                  <ToolbarItem>
                    <FormSelect
                      aria-label={t("vigilStatusFilter")}
                      value={filters.status}
                      onChange={(_e, v) => change({ status: v })}
                    >
                      <FormSelectOption value="" label={t("vigilAnyStatus")} />
                      {(["open", "safe", "compromised"] as const).map((s) => (
                        <FormSelectOption key={s} value={s} label={t(`vigilReview.${s}`)} />
                      ))}
                    </FormSelect>
                  </ToolbarItem>
                  <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
                    <Pagination
                      itemCount={first + (rows?.length ?? 0)}
                      toggleTemplate={({ firstIndex, lastIndex }) => (
                        <>
                          {firstIndex} - {lastIndex}
                        </>
                      )}
                      perPage={max}
                      page={Math.floor(first / max) + 1}
                      perPageOptions={PAGE_SIZES.map((n) => ({ title: String(n), value: n }))}
                      onSetPage={(_e, page) => setFirst((page - 1) * max)}
                      onPerPageSelect={(_e, perPage) => {
                        setFirst(0);
                        setMax(perPage);
                      }}
                      isCompact
                    />
                  </ToolbarItem>
                </ToolbarContent>
              </Toolbar>
              {error && <Alert variant="danger" isInline title={t("vigilLoadFailed")}>{error}</Alert>}
              {rows === undefined ? (
                <Spinner aria-label={t("vigilLoading")} />
              ) : pageRows.length === 0 && !error ? (
                <EmptyState>
                  <EmptyStateHeader titleText={t("vigilNoFlaggedLogins")} headingLevel="h2" />
                  <EmptyStateBody>{t("vigilNoFlaggedLoginsHelp")}</EmptyStateBody>
                </EmptyState>
              ) : (
                <Table aria-label={t("vigilFlaggedLogins")} variant="compact" data-testid="vigil-flagged-table">
                  <Thead>
                    <Tr>
                      <Th>{t("vigilColTime")}</Th>
                      <Th>{t("vigilColUser")}</Th>
                      <Th>{t("vigilColIp")}</Th>
                      <Th>{t("vigilColPlace")}</Th>
                      <Th>{t("vigilColDevice")}</Th>
                      <Th>{t("vigilColClient")}</Th>
                      <Th>{t("vigilColScore")}</Th>
                      <Th>{t("vigilColTyping")}</Th>
                      <Th>{t("vigilColStepUp")}</Th>
                      <Th>{t("vigilColReasons")}</Th>
                      <Th>{t("vigilColStatus")}</Th>
                      <Th>{t("vigilColAction")}</Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {pageRows.map((e) => (
                      <Tr
                        key={e.id}
                        isClickable
                        isRowSelected={selected?.id === e.id}
                        onRowClick={() => setSelected(e)}
                      >
                        <Td dataLabel={t("vigilColTime")}>{new Date(e.time).toLocaleString()}</Td>
                        <Td dataLabel={t("vigilColUser")}>{userLink(e)}</Td>
                        <Td dataLabel={t("vigilColIp")}>{e.ipAddress}</Td>
                        <Td dataLabel={t("vigilColPlace")}>{place(e)}</Td>
                        <Td dataLabel={t("vigilColDevice")}>{device(e.deviceId)}</Td>
                        <Td dataLabel={t("vigilColClient")}>{e.clientId}</Td>
                        <Td dataLabel={t("vigilColScore")}>{score(e)}</Td>
                        <Td dataLabel={t("vigilColTyping")}>{e.keystroke ?? ""}</Td>
                        <Td dataLabel={t("vigilColStepUp")}>
                          {e.riskLevel && <Label color={LEVEL_COLORS[e.riskLevel]}>{t(`vigilLevel.${e.riskLevel}`)}</Label>}
                        </Td>
                        <Td dataLabel={t("vigilColReasons")}>
                          {topReasons(e.riskReasons)
                            .map((r) => `${r.signal}=${r.value}`)
                            .concat((e.reasons ?? []).slice(0, 2).map((r) => r.feature))
                            .join(", ")}
                        </Td>
                        <Td dataLabel={t("vigilColStatus")}>
                          {t(`vigilReview.${e.feedback ? e.feedback.toLowerCase() : "open"}`)}
                        </Td>
                        <Td dataLabel={t("vigilColAction")}>
                          {e.actionTaken ? `${e.actionTaken}${e.dryRun ? ` (${t("vigilDryRun")})` : ""}` : ""}
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
              {rows && rows.length > 0 && (
                <Button variant="link" onClick={() => setReloads((n) => n + 1)}>
                  {t("vigilRefresh")}
                </Button>
              )}
            </DrawerContentBody>
          </DrawerContent>
        </Drawer>
      </PageSection>
    </>
  );
}
