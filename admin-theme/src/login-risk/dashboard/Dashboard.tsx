import { useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import {
  Chart,
  ChartAxis,
  ChartBar,
  ChartGroup,
  ChartLine,
  ChartScatter,
  ChartVoronoiContainer,
} from "@patternfly/react-charts";
import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Gallery,
  PageSection,
  Spinner,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { vigilRequest, type ModelStatus, type Stats, type TopPlace } from "../api";
import {
  flaggedShare,
  perDaySeries,
  perHourSeries,
  percent,
  scoreSeries,
  topSignals,
  weekdayHourPoints,
} from "./series";

/** Weekday message keys from the punch card's bottom (Sunday, y 0) to its top (Monday, y 6). */
const WEEKDAYS_BOTTOM_UP = ["sun", "sat", "fri", "thu", "wed", "tue", "mon"];

/** How often the dashboard reads the figures again (no page reload). */
const REFRESH_MILLIS = 60_000;

/** "Dashboard": the realm's logins, flags and model over the last 30 days; refreshed every minute. */
export default function Dashboard() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const [stats, setStats] = useState<Stats>();
  const [model, setModel] = useState<ModelStatus>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    const load = () =>
      Promise.all([vigilRequest<Stats>(adminClient, "stats"), vigilRequest<ModelStatus>(adminClient, "model")])
        .then(([s, m]) => {
          if (current) {
            setStats(s);
            setModel(m);
            setError(undefined);
          }
        })
        .catch((e: Error) => current && setError(e.message));
    void load();
    const timer = setInterval(load, REFRESH_MILLIS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [adminClient, realm]);

  if (!stats || !model) {
    return (
      <>
        <ViewHeader titleKey="vigilDashboard" subKey="vigilDashboardHelp" />
        <PageSection variant="light">
          {error ? <Alert variant="danger" isInline title={t("vigilLoadFailed")}>{error}</Alert> : <Spinner aria-label={t("vigilLoading")} />}
        </PageSection>
      </>
    );
  }
  const days = perDaySeries(stats);
  const kpis: [string, string | number][] = [
    ["vigilKpiLogins", stats.logins],
    ["vigilKpiFailures", stats.failures],
    ["vigilKpiFlagged", stats.flagged],
    ["vigilKpiFlaggedShare", flaggedShare(stats)],
    ["vigilKpiSteppedUp", stats.steppedUp],
    ["vigilKpiDenied", stats.denied],
    ["vigilKpiSprayBlocked", stats.sprayBlocked],
    ["vigilKpiActiveSessions", stats.activeSessions],
  ];
  const punchCard = weekdayHourPoints(stats);
  const signals = topSignals(stats);
  const places = (title: string, testid: string, rows: TopPlace[]) => (
    <Card data-testid={testid}>
      <CardTitle>{t(title)}</CardTitle>
      <CardBody>
        {rows.length === 0 ? (
          t("vigilNoneInWindow")
        ) : (
          <Table variant="compact" aria-label={t(title)}>
            <Thead>
              <Tr>
                <Th>{t(title === "vigilTopCountries" ? "vigilCountry" : "vigilNetwork")}</Th>
                <Th>{t("vigilKpiLogins")}</Th>
                <Th>{t("vigilKpiFlagged")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((r) => (
                <Tr key={r.key}>
                  <Td>{r.label ? `${r.key} ${r.label}` : r.key}</Td>
                  <Td>{r.logins}</Td>
                  <Td>{r.flagged}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
  const scores = scoreSeries(stats);
  const highest = Math.max(1, ...scores.map((p) => p.y));
  const m = model.metrics;
  const threshold = model.flagThreshold ?? model.threshold;

  return (
    <>
      <ViewHeader titleKey="vigilDashboard" subKey="vigilDashboardHelp" />
      <PageSection variant="light" data-testid="vigil-dashboard">
        {error && <Alert variant="warning" isInline title={t("vigilRefreshFailed")}>{error}</Alert>}
        <Gallery hasGutter minWidths={{ default: "180px" }}>
          {kpis.map(([key, value]) => (
            <Card key={key} isCompact data-testid={`vigil-kpi-${key}`}>
              <CardTitle>{t(key)}</CardTitle>
              <CardBody>
                <Title headingLevel="h3" size="2xl">{value}</Title>
              </CardBody>
            </Card>
          ))}
        </Gallery>
        <Gallery hasGutter minWidths={{ default: "420px" }} className="pf-v5-u-mt-lg">
          <Card>
            <CardTitle>{t("vigilDailyTrend")}</CardTitle>
            <CardBody>
              <Chart
                ariaTitle={t("vigilDailyTrend")}
                height={240}
                width={560}
                padding={{ top: 20, bottom: 70, left: 50, right: 20 }}
                legendData={[
                  { name: t("vigilKpiLogins") },
                  { name: t("vigilKpiFailures") },
                  { name: t("vigilKpiFlagged") },
                  { name: t("vigilKpiSteppedUp") },
                ]}
                legendPosition="bottom"
                containerComponent={
                  <ChartVoronoiContainer labels={({ datum }) => `${datum.x}: ${datum.y}`} constrainToVisibleArea />
                }
              >
                <ChartAxis fixLabelOverlap />
                <ChartAxis dependentAxis showGrid />
                <ChartGroup>
                  <ChartLine data={days.logins} />
                  <ChartLine data={days.failures} />
                  <ChartLine data={days.flagged} />
                  <ChartLine data={days.steppedUp} />
                </ChartGroup>
              </Chart>
            </CardBody>
          </Card>
          <Card>
            <CardTitle>{t("vigilLoginsPerHour", { timeZone: stats.timeZone })}</CardTitle>
            <CardBody>
              <Chart ariaTitle={t("vigilLoginsPerHour", { timeZone: stats.timeZone })} height={240} width={560}
                padding={{ top: 20, bottom: 50, left: 50, right: 20 }} domain={{ x: [-0.5, 23.5] }}>
                <ChartAxis tickValues={[0, 4, 8, 12, 16, 20]} tickFormat={(h: number) => `${String(h).padStart(2, "0")}:00`} />
                <ChartAxis dependentAxis showGrid />
                <ChartBar data={perHourSeries(stats)} barRatio={0.8} />
              </Chart>
            </CardBody>
          </Card>
          <Card data-testid="vigil-weekday-hour">
            <CardTitle>{t("vigilWeekdayHour", { timeZone: stats.timeZone })}</CardTitle>
            <CardBody>
              <Chart
                ariaTitle={t("vigilWeekdayHour", { timeZone: stats.timeZone })}
                height={240}
                width={560}
                padding={{ top: 20, bottom: 50, left: 60, right: 20 }}
                domain={{ x: [-0.5, 23.5], y: [-0.5, 6.5] }}
                containerComponent={
                  <ChartVoronoiContainer
                    labels={({ datum }) =>
                      `${t(`vigilWeekday.${WEEKDAYS_BOTTOM_UP[datum.y]}`)} ${String(datum.x).padStart(2, "0")}:00: ${datum.size}`
                    }
                    constrainToVisibleArea
                  />
                }
              >
                <ChartAxis
                  tickValues={[0, 4, 8, 12, 16, 20]}
                  tickFormat={(h: number) => `${String(h).padStart(2, "0")}:00`}
                />
                <ChartAxis
                  dependentAxis
                  tickValues={[0, 1, 2, 3, 4, 5, 6]}
                  tickFormat={(y: number) => t(`vigilWeekday.${WEEKDAYS_BOTTOM_UP[y]}`)}
                />
                <ChartScatter data={punchCard} bubbleProperty="size" maxBubbleSize={9} minBubbleSize={2} />
              </Chart>
            </CardBody>
          </Card>
          <Card data-testid="vigil-top-signals">
            <CardTitle>{t("vigilTopSignals")}</CardTitle>
            <CardBody>
              {signals.length === 0 ? (
                t("vigilNoneInWindow")
              ) : (
                <Chart
                  ariaTitle={t("vigilTopSignals")}
                  height={240}
                  width={560}
                  horizontal
                  padding={{ top: 20, bottom: 40, left: 140, right: 30 }}
                  domainPadding={{ x: 15 }}
                >
                  <ChartAxis />
                  <ChartAxis dependentAxis showGrid />
                  <ChartBar
                    data={[...signals].reverse().map((s) => ({ x: s.signal, y: s.logins }))}
                    barRatio={0.7}
                    labels={({ datum }) => datum.y}
                  />
                </Chart>
              )}
            </CardBody>
          </Card>
          {places("vigilTopCountries", "vigil-top-countries", stats.countries ?? [])}
          {places("vigilTopNetworks", "vigil-top-networks", stats.networks ?? [])}
          <Card>
            <CardTitle>{t("vigilScoreHistogram", { threshold: threshold.toFixed(2) })}</CardTitle>
            <CardBody>
              <Chart ariaTitle={t("vigilScoreHistogram", { threshold: threshold.toFixed(2) })} height={240}
                width={560} padding={{ top: 20, bottom: 50, left: 50, right: 20 }} domain={{ x: [0, 1] }}>
                <ChartAxis tickValues={[0, 0.2, 0.4, 0.6, 0.8, 1]} />
                <ChartAxis dependentAxis showGrid />
                <ChartBar data={scores} barRatio={0.9} />
                <ChartLine
                  data={[{ x: threshold, y: 0 }, { x: threshold, y: highest }]}
                  style={{ data: { stroke: "var(--pf-v5-global--danger-color--100)", strokeDasharray: "6,4", strokeWidth: 2 } }}
                />
              </Chart>
            </CardBody>
          </Card>
          <Card data-testid="vigil-model-card">
            <CardTitle>{t("vigilModelStatus")}</CardTitle>
            <CardBody>
              <DescriptionList isCompact isHorizontal>
                {[
                  ["vigilModelKind", t(`vigilModelKind.${model.kind}`)],
                  ["vigilModelVersion", model.version],
                  ["vigilModelTrainedAt", model.trainedAt ? new Date(model.trainedAt).toLocaleString() : "–"],
                  ["vigilModelSamples", model.samples],
                  ["vigilModelThreshold", model.threshold.toFixed(3)],
                  ["vigilFlagThreshold", model.flagThreshold === undefined || model.flagThreshold === null
                    ? t("vigilFlagThresholdModel") : model.flagThreshold.toFixed(3)],
                  [
                    "vigilModelRealLogins",
                    model.realLogins >= model.minRealLogins
                      ? t("vigilEnoughLogins", { n: model.minRealLogins })
                      : `${model.realLogins} / ${model.minRealLogins}`,
                  ],
                  ["vigilPrecision", percent(m.precision)],
                  ["vigilRecall", percent(m.recall)],
                  ["vigilF1", percent(m.f1)],
                ].map(([key, value]) => (
                  <DescriptionListGroup key={key}>
                    <DescriptionListTerm>{t(String(key))}</DescriptionListTerm>
                    <DescriptionListDescription>{value}</DescriptionListDescription>
                  </DescriptionListGroup>
                ))}
              </DescriptionList>
              <Table variant="compact" aria-label={t("vigilConfusion")} className="pf-v5-u-mt-md">
                <Thead>
                  <Tr>
                    <Th>{t("vigilConfusion")}</Th>
                    <Th>{t("vigilVerdictCompromised")}</Th>
                    <Th>{t("vigilVerdictSafe")}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  <Tr>
                    <Td>{t("vigilWasFlagged")}</Td>
                    <Td>{m.truePositives}</Td>
                    <Td>{m.falsePositives}</Td>
                  </Tr>
                  <Tr>
                    <Td>{t("vigilWasNotFlagged")}</Td>
                    <Td>{m.falseNegatives}</Td>
                    <Td>{m.trueNegatives}</Td>
                  </Tr>
                </Tbody>
              </Table>
            </CardBody>
          </Card>
        </Gallery>
      </PageSection>
    </>
  );
}
