"use client";

import Link from "next/link";
import { useMemo } from "react";
import { formatDateTime, formatNumber } from "../../../../lib/format";
import { errorMessage, GraphQLRequestError } from "../../../../lib/graphql-client";
import { ExperimentDocument } from "../../../../lib/graphql/generated/graphql";
import type { ExperimentQuery } from "../../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../../lib/i18n/i18n-provider";
import type { TTranslate } from "../../../../lib/i18n/translate";
import { enumLabel } from "../../../../lib/i18n/translate";
import { useGraphQLQuery } from "../../../../lib/use-graphql-query";
import { BarChartView, ChartCard, DataTable } from "../../insights/charts";
import { liftPercent, ratePercent } from "../rates";
import "../../analysis-views.css";

type TExperiment = NonNullable<ExperimentQuery["experiment"]>;
type TAudience = TExperiment["audiences"][number];
type TArm = TAudience["arms"][number];

const EXCERPT = 90;

function armName(t: TTranslate, arm: TArm): string {
  if (arm.isOriginal) return t("experiments.original");
  const v = arm.variant;
  const by = v === null ? "" : (v.generator ?? enumLabel(t, "variant.origin", v.origin));
  return `${by} ${arm.variantId.slice(0, 6)}`.trim();
}

/**
 * The arm's rate with its 95 % credible interval as a whisker on the audience's common scale, the
 * original's rate as a dashed line. SVG attributes only (CSP).
 */
function IntervalPlot({
  rate,
  scale,
  originalRate,
  label,
}: {
  rate: TArm["ctr"];
  scale: number;
  originalRate: number | null;
  label: string;
}) {
  const x = (value: number) => 4 + (112 * Math.min(value, scale)) / scale;
  return (
    <svg className="interval-plot" viewBox="0 0 120 14" role="img" aria-label={label}>
      <line className="interval-axis" x1="4" x2="116" y1="7" y2="7" />
      {originalRate !== null && (
        <line className="interval-original" x1={x(originalRate)} x2={x(originalRate)} y1="1" y2="13" />
      )}
      <line className="interval-range" x1={x(rate.low)} x2={x(rate.high)} y1="7" y2="7" />
      <circle className="interval-point" cx={x(rate.rate)} cy="7" r="2.6" />
    </svg>
  );
}

function liftClass(lift: NonNullable<TArm["liftVsOriginal"]>): string {
  if (lift.low > 0) return "lift-up";
  if (lift.high < 0) return "lift-down";
  return "lift-flat";
}

function AudienceCard({ audience, traffic }: { audience: TAudience; traffic: TExperiment["traffic"] }) {
  const { t, locale } = useI18n();
  const original = audience.arms.find((arm) => arm.isOriginal) ?? null;
  const ctrScale = Math.max(0.001, ...audience.arms.map((arm) => arm.ctr.high)) * 1.05;
  const cvrScale = Math.max(0.001, ...audience.arms.map((arm) => arm.cvr.high)) * 1.05;
  const best = Math.max(...audience.arms.map((arm) => arm.probabilityToBeBest));
  const names = new Map(audience.arms.map((arm) => [arm.variantId, armName(t, arm)]));

  // Traffic share per day: one row per day, one column per variant.
  const days = [...new Set(traffic.map((row) => row.day))].sort();
  const shareRows = days.map((day) => {
    const row: Record<string, string | number> = { day };
    for (const arm of audience.arms) row[arm.variantId] = 0;
    for (const entry of traffic) if (entry.day === day) row[entry.variantId] = entry.share;
    return row;
  });
  const series = audience.arms.map((arm) => ({ key: arm.variantId, label: names.get(arm.variantId) ?? arm.variantId }));

  return (
    <section
      className="card experiment-audience"
      data-testid="experiment-audience"
      data-segment={audience.segment}
      aria-labelledby={`audience-${audience.segment}`}
    >
      <h2 id={`audience-${audience.segment}`}>
        {t("experiments.audience", { segment: audience.segment })}{" "}
        <span className="muted small">
          {t("experiments.audienceTotals", {
            impressions: formatNumber(audience.impressions, locale),
            clicks: formatNumber(audience.clicks, locale),
          })}
        </span>
      </h2>
      <div className="table-scroll">
        <table className="table compact experiment-arms">
          <thead>
            <tr>
              <th scope="col">{t("experiments.variant")}</th>
              <th scope="col" className="num">
                {t("experiments.impressions")}
              </th>
              <th scope="col">{t("experiments.ctrInterval")}</th>
              <th scope="col">{t("experiments.cvrInterval")}</th>
              <th scope="col">{t("experiments.lift")}</th>
              <th scope="col" className="num">
                {t("experiments.pBest")}
              </th>
              <th scope="col" className="num">
                {t("experiments.share")}
              </th>
            </tr>
          </thead>
          <tbody>
            {audience.arms.map((arm) => {
              const name = names.get(arm.variantId) ?? arm.variantId;
              const text = arm.variant?.text ?? "";
              return (
                <tr
                  key={arm.variantId}
                  data-testid="experiment-arm"
                  data-variant-id={arm.variantId}
                  data-original={arm.isOriginal}
                  className={arm.probabilityToBeBest === best && best > 0 ? "arm-best" : undefined}
                >
                  <th scope="row" className="arm-name">
                    <span className="arm-title">{name}</span>
                    {arm.isOriginal && <span className="chip small">{t("experiments.control")}</span>}
                    {arm.paused && (
                      <span className="chip small warn-chip" data-testid="arm-paused">
                        {t("experiments.pausedTag")}
                      </span>
                    )}
                    <span className="muted small block arm-text" title={text}>
                      {text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text}
                    </span>
                  </th>
                  <td className="num">{formatNumber(arm.impressions, locale)}</td>
                  <td className="rate-cell" data-testid="arm-ctr">
                    <span className="rate-value">{ratePercent(arm.ctr.rate)}</span>
                    <span className="muted small rate-interval">
                      {ratePercent(arm.ctr.low)}–{ratePercent(arm.ctr.high)}
                    </span>
                    <IntervalPlot
                      rate={arm.ctr}
                      scale={ctrScale}
                      originalRate={original?.ctr.rate ?? null}
                      label={t("experiments.intervalLabel", {
                        what: t("experiments.ctr"),
                        rate: ratePercent(arm.ctr.rate),
                        low: ratePercent(arm.ctr.low),
                        high: ratePercent(arm.ctr.high),
                      })}
                    />
                  </td>
                  <td className="rate-cell">
                    <span className="rate-value">{ratePercent(arm.cvr.rate)}</span>
                    <span className="muted small rate-interval">
                      {ratePercent(arm.cvr.low)}–{ratePercent(arm.cvr.high)}
                    </span>
                    <IntervalPlot
                      rate={arm.cvr}
                      scale={cvrScale}
                      originalRate={original?.cvr.rate ?? null}
                      label={t("experiments.intervalLabel", {
                        what: t("experiments.cvr"),
                        rate: ratePercent(arm.cvr.rate),
                        low: ratePercent(arm.cvr.low),
                        high: ratePercent(arm.cvr.high),
                      })}
                    />
                  </td>
                  <td data-testid="arm-lift">
                    {arm.liftVsOriginal === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <span className={liftClass(arm.liftVsOriginal)}>
                        <strong>{liftPercent(arm.liftVsOriginal.estimate)}</strong>{" "}
                        <span className="small">
                          ({liftPercent(arm.liftVsOriginal.low)} … {liftPercent(arm.liftVsOriginal.high)})
                        </span>
                      </span>
                    )}
                  </td>
                  <td className="num" data-testid="arm-pbest">
                    {Math.round(arm.probabilityToBeBest * 100)}%
                  </td>
                  <td className="num">{Math.round(arm.trafficShare * 100)}%</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("experiments.intervalHint")}</p>
      {shareRows.length > 0 && (
        <ChartCard
          title={t("experiments.trafficTitle", { segment: audience.segment })}
          description={t("experiments.trafficHint")}
          testId="traffic-chart"
          table={
            <DataTable
              data={shareRows}
              columns={[
                { key: "day", label: t("insights.col.day") },
                ...series.map((s) => ({
                  key: s.key,
                  label: s.label,
                  format: (value: string | number) => `${Math.round(Number(value) * 100)}%`,
                })),
              ]}
            />
          }
        >
          <BarChartView data={shareRows} categoryKey="day" series={series} stacked percent />
        </ChartCard>
      )}
    </section>
  );
}

export function ExperimentView({ productId }: { productId: string }) {
  const { t, locale } = useI18n();
  const query = useGraphQLQuery(ExperimentDocument, { productId });
  const experiment = query.data?.experiment;
  const trafficBySegment = useMemo(() => {
    const map = new Map<string, TExperiment["traffic"]>();
    for (const row of experiment?.traffic ?? []) map.set(row.segment, [...(map.get(row.segment) ?? []), row]);
    return map;
  }, [experiment]);

  const missing =
    query.data?.experiment === null ||
    (query.error instanceof GraphQLRequestError && ["NOT_FOUND", "BAD_USER_INPUT"].includes(query.error.code));
  if (missing) {
    return (
      <div className="card">
        <h1>{t("experiments.notFound")}</h1>
        <Link href="/experiments">{t("experiments.back")}</Link>
      </div>
    );
  }
  if (experiment === undefined || experiment === null) {
    return query.error !== undefined ? (
      <p className="error-text" role="alert">
        {errorMessage(query.error)}
      </p>
    ) : (
      <p className="muted loading-line">{t("common.loading")}</p>
    );
  }
  return (
    <div className="experiment-page" data-testid="experiment">
      <nav className="breadcrumb" aria-label={t("product.breadcrumb")}>
        <Link href="/experiments">{t("experiments.title")}</Link> <span aria-hidden="true">/</span>{" "}
        <span className="mono">{experiment.product.sku}</span>
      </nav>
      <div className="page-head">
        <h1>{experiment.product.title}</h1>
        <Link className="button ghost" href={`/products/${encodeURIComponent(experiment.productId)}`}>
          {t("experiments.openProduct")}
        </Link>
      </div>
      <p className="muted">{t("experiments.since", { since: formatDateTime(experiment.since, locale) })}</p>
      {experiment.audiences.length === 0 && <p className="card empty">{t("experiments.noTraffic")}</p>}
      {experiment.audiences.map((audience) => (
        <AudienceCard
          key={audience.segment}
          audience={audience}
          traffic={trafficBySegment.get(audience.segment) ?? []}
        />
      ))}
    </div>
  );
}
