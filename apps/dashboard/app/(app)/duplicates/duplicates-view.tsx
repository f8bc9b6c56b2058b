"use client";

import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "../../../lib/format";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import {
  DUPLICATE_CLUSTER_STATUS_VALUES,
  DUPLICATE_KIND_VALUES,
  DuplicateClustersDocument,
  MergeDuplicateClustersDocument,
} from "../../../lib/graphql/generated/graphql";
import type {
  DuplicateClusterFilter,
  DuplicateClusterStatus,
  DuplicateKind,
} from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../lib/i18n/translate";
import { can } from "../../../lib/roles";
import { useGraphQLQuery } from "../../../lib/use-graphql-query";
import { useCurrentUser } from "../current-user";
import { useToast } from "../toast";
import "../analysis-views.css";

const PAGE_SIZE = 50;

/** Clusters of reused copy and of products listed twice; moderators open one to decide, or merge several. */
export function DuplicatesView() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const toast = useToast();
  const [status, setStatus] = useState<DuplicateClusterStatus | "">("OPEN");
  const [kind, setKind] = useState<DuplicateKind | "">("");
  const [selected, setSelected] = useState<string[]>([]);
  const [merging, setMerging] = useState(false);
  const filter: DuplicateClusterFilter = {
    ...(status !== "" ? { status } : {}),
    ...(kind !== "" ? { kind } : {}),
  };
  const query = useGraphQLQuery(DuplicateClustersDocument, { filter, first: PAGE_SIZE });
  const clusters = query.data?.duplicateClusters.edges.map((edge) => edge.node) ?? [];
  const mayDecide = can(user.role, "duplicates:decide");
  const selectedKinds = new Set(clusters.filter((c) => selected.includes(c.id)).map((c) => c.kind));

  async function merge() {
    setMerging(true);
    try {
      const merged = await graphqlRequest(MergeDuplicateClustersDocument, { clusterIds: selected });
      toast({ message: t("duplicates.merged", { count: merged.mergeDuplicateClusters.memberCount }) });
      setSelected([]);
      query.refetch();
    } catch (error) {
      toast({ message: errorMessage(error), tone: "error" });
    } finally {
      setMerging(false);
    }
  }

  return (
    <div className="duplicates-page">
      <div className="page-head">
        <h1>
          {t("duplicates.title")}{" "}
          {query.data !== undefined && (
            <span className="muted small">
              {t("duplicates.count", { count: query.data.duplicateClusters.totalCount })}
            </span>
          )}
        </h1>
      </div>
      <p className="muted">{t("duplicates.intro")}</p>
      <div className="card filters">
        <label className="field">
          <span>{t("duplicates.status")}</span>
          <select
            data-testid="duplicates-status"
            value={status}
            onChange={(event) => setStatus(event.target.value as DuplicateClusterStatus | "")}
          >
            <option value="">{t("common.all")}</option>
            {DUPLICATE_CLUSTER_STATUS_VALUES.map((value) => (
              <option key={value} value={value}>
                {enumLabel(t, "duplicates.status", value)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("duplicates.kind")}</span>
          <select
            data-testid="duplicates-kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as DuplicateKind | "")}
          >
            <option value="">{t("common.all")}</option>
            {DUPLICATE_KIND_VALUES.map((value) => (
              <option key={value} value={value}>
                {enumLabel(t, "duplicates.kind", value)}
              </option>
            ))}
          </select>
        </label>
        {mayDecide && (
          <div className="field merge-field">
            <span>{t("duplicates.selected", { count: selected.length })}</span>
            <button
              type="button"
              className="button"
              data-testid="merge-clusters"
              disabled={merging || selected.length < 2 || selectedKinds.size > 1}
              title={selectedKinds.size > 1 ? t("duplicates.mergeOneKind") : undefined}
              onClick={() => void merge()}
            >
              {t("duplicates.merge")}
            </button>
          </div>
        )}
      </div>
      {query.error !== undefined && (
        <p className="error-text" role="alert">
          {errorMessage(query.error)}
        </p>
      )}
      <div className="card table-card">
        <table className="table" data-testid="clusters-table">
          <thead>
            <tr>
              {mayDecide && (
                <th scope="col">
                  <span className="visually-hidden">{t("duplicates.select")}</span>
                </th>
              )}
              <th scope="col">{t("duplicates.canonical")}</th>
              <th scope="col">{t("duplicates.kind")}</th>
              <th scope="col">{t("duplicates.method")}</th>
              <th scope="col" className="num">
                {t("duplicates.members")}
              </th>
              <th scope="col" className="num">
                {t("duplicates.score")}
              </th>
              <th scope="col">{t("duplicates.status")}</th>
              <th scope="col">{t("duplicates.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {clusters.map((cluster) => (
              <tr key={cluster.id} data-testid="cluster-row" data-cluster-id={cluster.id} data-kind={cluster.kind}>
                {mayDecide && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t("duplicates.selectCluster", { title: cluster.canonical?.title ?? cluster.id })}
                      checked={selected.includes(cluster.id)}
                      onChange={(event) =>
                        setSelected((current) =>
                          event.target.checked ? [...current, cluster.id] : current.filter((id) => id !== cluster.id),
                        )
                      }
                    />
                  </td>
                )}
                <td>
                  <Link href={`/duplicates/${encodeURIComponent(cluster.id)}`}>
                    {cluster.canonical?.title ?? t("duplicates.otherMerchant")}
                  </Link>
                  {cluster.canonical !== null && (
                    <span className="muted small block">
                      <span className="mono">{cluster.canonical.sku}</span> · {cluster.canonical.merchant.name}
                    </span>
                  )}
                </td>
                <td>{enumLabel(t, "duplicates.kind", cluster.kind)}</td>
                <td className="small">{enumLabel(t, "duplicates.method", cluster.method)}</td>
                <td className="num">{cluster.memberCount}</td>
                <td className="num">{cluster.score.toFixed(2)}</td>
                <td>
                  <span className={`chip ${cluster.status === "OPEN" ? "warn-chip" : ""}`}>
                    {enumLabel(t, "duplicates.status", cluster.status)}
                  </span>
                </td>
                <td className="small muted nowrap">{formatDateTime(cluster.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {query.data !== undefined && clusters.length === 0 && <p className="empty">{t("duplicates.empty")}</p>}
        {query.loading && query.data === undefined && <p className="muted">{t("common.loading")}</p>}
      </div>
    </div>
  );
}
