"use client";

import Link from "next/link";
import { useState } from "react";
import { formatNumber } from "../../../lib/format";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import { ExperimentsDocument } from "../../../lib/graphql/generated/graphql";
import type { ExperimentsQuery } from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import { useGraphQLQuery } from "../../../lib/use-graphql-query";
import { ratePercent } from "./rates";
import "../analysis-views.css";

const PAGE_SIZE = 25;

type TRow = ExperimentsQuery["experiments"]["edges"][number]["node"];

/** Products with served traffic, most impressions first; each opens its experiment. */
export function ExperimentsView() {
  const { t, locale } = useI18n();
  const first = useGraphQLQuery(ExperimentsDocument, { first: PAGE_SIZE });
  const [more, setMore] = useState<{ rows: TRow[]; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const rows = [...(first.data?.experiments.edges.map((e) => e.node) ?? []), ...(more?.rows ?? [])];
  const pageInfo = more ?? first.data?.experiments.pageInfo;

  async function loadMore(after: string | null) {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const data = await graphqlRequest(ExperimentsDocument, { first: PAGE_SIZE, after });
      setMore((current) => ({
        rows: [...(current?.rows ?? []), ...data.experiments.edges.map((e) => e.node)],
        endCursor: data.experiments.pageInfo.endCursor,
        hasNextPage: data.experiments.pageInfo.hasNextPage,
      }));
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <div className="experiments-page">
      <div className="page-head">
        <h1>{t("experiments.title")}</h1>
      </div>
      <p className="muted">{t("experiments.intro")}</p>
      {first.error !== undefined && (
        <p className="error-text" role="alert">
          {errorMessage(first.error)}
        </p>
      )}
      <div className="card table-card">
        <table className="table" data-testid="experiments-table">
          <thead>
            <tr>
              <th scope="col">{t("experiments.product")}</th>
              <th scope="col" className="num">
                {t("experiments.impressions")}
              </th>
              <th scope="col" className="num">
                {t("experiments.clicks")}
              </th>
              <th scope="col" className="num">
                {t("experiments.ctr")}
              </th>
              <th scope="col" className="num">
                {t("experiments.purchases")}
              </th>
              <th scope="col" className="num">
                {t("experiments.variants")}
              </th>
              <th scope="col" className="num">
                {t("experiments.audiences")}
              </th>
              <th scope="col" className="num">
                {t("experiments.paused")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.productId} data-testid="experiment-row" data-product-id={row.productId}>
                <td>
                  <Link href={`/experiments/${encodeURIComponent(row.productId)}`}>{row.product.title}</Link>
                  <span className="muted small block">
                    <span className="mono">{row.product.sku}</span> · {row.product.merchant.name}
                  </span>
                </td>
                <td className="num">{formatNumber(row.impressions, locale)}</td>
                <td className="num">{formatNumber(row.clicks, locale)}</td>
                <td className="num">{ratePercent(row.ctr)}</td>
                <td className="num">{formatNumber(row.purchases, locale)}</td>
                <td className="num">{row.variants}</td>
                <td className="num">{row.segments}</td>
                <td className="num">{row.paused > 0 ? <span className="chip warn-chip">{row.paused}</span> : "0"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {first.data !== undefined && rows.length === 0 && <p className="empty">{t("experiments.empty")}</p>}
      </div>
      <div className="list-foot">
        {(first.loading || loadingMore) && <span className="muted">{t("common.loading")}</span>}
        {moreError !== null && (
          <span className="error-text" role="alert">
            {moreError}
          </span>
        )}
        {!loadingMore && pageInfo?.hasNextPage === true && (
          <button type="button" className="button" onClick={() => void loadMore(pageInfo.endCursor ?? null)}>
            {t("common.loadMore")}
          </button>
        )}
      </div>
    </div>
  );
}
