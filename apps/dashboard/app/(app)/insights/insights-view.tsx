"use client";

import { useMemo, useState } from "react";
import { formatAge, formatNumber } from "../../../lib/format";
import { errorMessage } from "../../../lib/graphql-client";
import {
  FINDING_CATEGORY_VALUES,
  FindingTrendDocument,
  InsightsDocument,
  RulePrecisionDocument,
} from "../../../lib/graphql/generated/graphql";
import type { DecisionStatsFieldsFragment, FindingTrendQuery } from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../lib/i18n/translate";
import { useGraphQLQuery } from "../../../lib/use-graphql-query";
import { can } from "../../../lib/roles";
import { useCurrentUser } from "../current-user";
import { BarChartView, ChartCard, DataTable, LineChartView } from "./charts";

const PERIODS = [7, 30, 90] as const;
const TREND_DAYS = 7;
const RULES_SHOWN = 10;

const percent = (value: string | number) => `${Math.round(Number(value) * 100)}%`;

function startOfDay(offsetDays: number): Date {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - offsetDays);
  return day;
}

// The API buckets findings by UTC day.
function startOfUtcDay(offsetDays: number): Date {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  day.setUTCDate(day.getUTCDate() - offsetDays);
  return day;
}

/** One row per day with a column per finding category (zero when the day had none of it). */
function trendRows(data: FindingTrendQuery, dayLabel: (d: Date) => string) {
  return data.findingTrend.map((bucket) => {
    const row: Record<string, string | number> = { day: dayLabel(new Date(bucket.bucketStart)) };
    for (const category of FINDING_CATEGORY_VALUES) row[category] = 0;
    for (const entry of bucket.categories) row[entry.category] = entry.count;
    return row;
  });
}

function statsRows(rows: readonly DecisionStatsFieldsFragment[], label: (key: string) => string) {
  return rows.map((row) => ({
    key: label(row.key),
    total: row.total,
    approved: row.approved,
    edited: row.edited,
    rejected: row.rejected,
    approvalRate: row.approvalRate,
    acceptanceRate: row.acceptanceRate,
  }));
}

export function InsightsView() {
  const { t, locale } = useI18n();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  // Whole days, so the variables (and the request) stay the same while the page is open.
  const since = useMemo(() => startOfDay(days - 1).toISOString(), [days]);
  const insights = useGraphQLQuery(InsightsDocument, { since, language: locale === "zh" ? "ZH" : "EN" });
  const trendSince = useMemo(() => startOfUtcDay(TREND_DAYS - 1).toISOString(), []);
  const trend = useGraphQLQuery(FindingTrendDocument, { since: trendSince });
  const admin = can(useCurrentUser().role, "rulepacks:edit");
  const precision = useGraphQLQuery(RulePrecisionDocument, {}, { skip: !admin });

  const utcDayLabel = (date: Date) =>
    new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
      month: "short",
      day: "numeric",
      timeZone: "UTC",
    }).format(date);
  const data = insights.data;
  const origin = (key: string) => enumLabel(t, "variant.origin", key);

  const byGenerator = data === undefined ? [] : statsRows(data.byGenerator, origin);
  const byRule =
    data === undefined
      ? []
      : statsRows(
          [...data.byRule].sort((a, b) => b.total - a.total).slice(0, RULES_SHOWN),
          (key) => data.byRule.find((row) => row.key === key)?.label ?? key,
        );
  const reasons =
    data === undefined
      ? []
      : data.byReason.map((row) => ({
          reason: enumLabel(t, "review.reasonCode", row.key),
          count: row.rejected || row.total,
        }));
  const throughput =
    data === undefined
      ? []
      : data.reviewThroughput.map((bucket) => ({
          day: utcDayLabel(new Date(bucket.bucketStart)),
          approved: bucket.approved,
          edited: bucket.edited,
          rejected: bucket.rejected,
          published: bucket.published,
        }));
  const age = data?.reviewQueueAge;
  const ageRows = age === undefined ? [] : age.buckets.map((bucket) => ({ bucket: bucket.label, count: bucket.count }));
  const trendData = trend.data === undefined ? [] : trendRows(trend.data, utcDayLabel);
  const trendSeries = FINDING_CATEGORY_VALUES.filter((category) =>
    trendData.some((row) => Number(row[category] ?? 0) > 0),
  ).map((category) => ({ key: category, label: enumLabel(t, "finding.category", category) }));

  const rateColumns = [
    { key: "key", label: t("insights.col.key") },
    { key: "total", label: t("insights.col.total") },
    { key: "approved", label: t("insights.col.approved") },
    { key: "edited", label: t("insights.col.edited") },
    { key: "rejected", label: t("insights.col.rejected") },
    { key: "approvalRate", label: t("insights.approvalRate"), format: percent },
    { key: "acceptanceRate", label: t("insights.acceptanceRate"), format: percent },
  ];
  const rateSeries = [
    { key: "approvalRate", label: t("insights.approvalRate") },
    { key: "acceptanceRate", label: t("insights.acceptanceRate") },
  ];
  // Each chart's table shows its category column and then the chart's own series.
  const throughputSeries = [
    { key: "approved", label: t("insights.col.approved") },
    { key: "edited", label: t("insights.col.edited") },
    { key: "rejected", label: t("insights.col.rejected") },
    { key: "published", label: t("insights.col.published") },
  ];
  const ageSeries = [{ key: "count", label: t("insights.col.items") }];
  const reasonSeries = [{ key: "count", label: t("insights.col.rejected") }];
  const error = insights.error ?? trend.error ?? precision.error;
  const precisionRows = (precision.data?.rulePrecision ?? []).map((row) => ({
    rule: row.rule,
    findings: row.findings,
    confirmed: row.confirmed,
    falsePositives: row.falsePositives,
    precision: row.precision ?? "—",
  }));

  return (
    <div className="insights-page">
      <div className="page-head">
        <h1>{t("insights.title")}</h1>
        <label className="field inline-field">
          <span>{t("insights.period")}</span>
          <select
            data-testid="insights-period"
            value={days}
            onChange={(event) => setDays(Number(event.target.value) as (typeof PERIODS)[number])}
          >
            {PERIODS.map((period) => (
              <option key={period} value={period}>
                {t("insights.lastDays", { count: period })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error !== undefined && (
        <p className="error-text" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {age !== undefined && (
        <dl className="kpis" data-testid="queue-kpis">
          <div>
            <dt>{t("insights.waiting")}</dt>
            <dd>{formatNumber(age.total, locale)}</dd>
          </div>
          <div className={age.atRisk > 0 ? "kpi-warn" : undefined}>
            <dt>{t("insights.atRisk")}</dt>
            <dd>{formatNumber(age.atRisk, locale)}</dd>
          </div>
          <div className={age.breached > 0 ? "kpi-bad" : undefined}>
            <dt>{t("insights.breached")}</dt>
            <dd>{formatNumber(age.breached, locale)}</dd>
          </div>
          <div>
            <dt>{t("insights.oldest")}</dt>
            <dd>
              {age.oldestCreatedAt === null ? "—" : formatAge((Date.now() - Date.parse(age.oldestCreatedAt)) / 1000)}
            </dd>
          </div>
        </dl>
      )}
      {data === undefined && error === undefined && <p className="muted">{t("common.loading")}</p>}
      <div className="chart-grid">
        <ChartCard
          title={t("insights.byGenerator")}
          description={t("insights.byGeneratorHint")}
          testId="chart-generator"
          table={<DataTable data={byGenerator} columns={rateColumns} />}
        >
          <BarChartView data={byGenerator} categoryKey="key" series={rateSeries} percent layout="vertical" />
        </ChartCard>
        <ChartCard
          title={t("insights.byRule")}
          description={t("insights.byRuleHint", { count: RULES_SHOWN })}
          testId="chart-rule"
          table={<DataTable data={byRule} columns={rateColumns} />}
        >
          <BarChartView data={byRule} categoryKey="key" series={rateSeries} percent layout="vertical" />
        </ChartCard>
        <ChartCard
          title={t("insights.findingsTrend")}
          description={t("insights.findingsTrendHint", { count: TREND_DAYS })}
          testId="chart-findings"
          table={
            <DataTable
              data={trendData}
              columns={[
                { key: "day", label: t("insights.col.day") },
                ...trendSeries.map((s) => ({ key: s.key, label: s.label })),
              ]}
            />
          }
        >
          <BarChartView data={trendData} categoryKey="day" series={trendSeries} stacked />
        </ChartCard>
        <ChartCard
          title={t("insights.throughput")}
          description={t("insights.throughputHint")}
          testId="chart-throughput"
          table={
            <DataTable
              data={throughput}
              columns={[{ key: "day", label: t("insights.col.day") }, ...throughputSeries]}
            />
          }
        >
          <LineChartView data={throughput} categoryKey="day" series={throughputSeries} />
        </ChartCard>
        <ChartCard
          title={t("insights.queueAge")}
          description={t("insights.queueAgeHint")}
          testId="chart-queue-age"
          table={
            <DataTable data={ageRows} columns={[{ key: "bucket", label: t("insights.col.waiting") }, ...ageSeries]} />
          }
        >
          <BarChartView data={ageRows} categoryKey="bucket" series={ageSeries} />
        </ChartCard>
        <ChartCard
          title={t("insights.reasons")}
          description={t("insights.reasonsHint")}
          testId="chart-reasons"
          table={<DataTable data={reasons} columns={[{ key: "reason", label: t("review.reason") }, ...reasonSeries]} />}
        >
          <BarChartView data={reasons} categoryKey="reason" series={reasonSeries} />
        </ChartCard>
      </div>
      {admin && (
        <section className="card" data-testid="rule-precision" aria-label={t("insights.rulePrecision")}>
          <h2>{t("insights.rulePrecision")}</h2>
          <p className="muted small">{t("insights.rulePrecisionHint")}</p>
          <DataTable
            data={precisionRows}
            columns={[
              { key: "rule", label: t("insights.col.rule") },
              { key: "findings", label: t("insights.col.findings") },
              { key: "confirmed", label: t("insights.col.confirmed") },
              { key: "falsePositives", label: t("insights.col.falsePositives") },
              {
                key: "precision",
                label: t("insights.col.precision"),
                format: (v) => (typeof v === "number" ? percent(v) : String(v)),
              },
            ]}
          />
        </section>
      )}
    </div>
  );
}
