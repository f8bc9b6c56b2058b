"use client";

import { ActorName } from "../actor-name";
import { RetryLine } from "../load-states";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formatDateTime } from "../../../lib/format";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import { AuditEventsDocument } from "../../../lib/graphql/generated/graphql";
import type { AuditEventFilter, AuditEventsQuery } from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import { jsonDiff, jsonPreview } from "../../../lib/json-diff";

type TEvent = AuditEventsQuery["auditEvents"]["edges"][number]["node"];

const PAGE_SIZE = 50;
const ENTITY_TYPES = ["Variant", "Product", "Merchant", "ApiKey", "User", "QueueJob", "BrandPack", "WebhookEndpoint"];

function filterFromParams(params: URLSearchParams): AuditEventFilter {
  const filter: AuditEventFilter = {};
  const entityType = params.get("entityType")?.trim();
  if (entityType) filter.entityType = entityType;
  const entityId = params.get("entityId")?.trim();
  if (entityId) filter.entityId = entityId;
  const action = params.get("action")?.trim();
  if (action) filter.action = action;
  const actorId = params.get("actorId")?.trim();
  if (actorId) filter.actorId = actorId;
  // Dates from the pickers are whole days in the reviewer's time zone.
  const since = params.get("since");
  if (since && !Number.isNaN(Date.parse(since))) filter.since = new Date(`${since}T00:00:00`).toISOString();
  const until = params.get("until");
  if (until && !Number.isNaN(Date.parse(until))) {
    const end = new Date(`${until}T00:00:00`);
    end.setDate(end.getDate() + 1);
    filter.until = end.toISOString();
  }
  return filter;
}

function EventChanges({ event }: { event: TEvent }) {
  const { t } = useI18n();
  const changes = jsonDiff(event.before, event.after);
  return (
    <div className="audit-detail" data-testid="audit-detail">
      {changes.length === 0 ? (
        <p className="muted small">{t("audit.noChanges")}</p>
      ) : (
        <table className="table compact json-diff">
          <thead>
            <tr>
              <th scope="col">{t("audit.path")}</th>
              <th scope="col">{t("audit.before")}</th>
              <th scope="col">{t("audit.after")}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.path} className={`change-${change.kind}`} data-testid="audit-change">
                <th scope="row" className="mono">
                  {change.path}
                </th>
                <td className="mono">{change.kind === "added" ? "—" : <del>{jsonPreview(change.before)}</del>}</td>
                <td className="mono">{change.kind === "removed" ? "—" : <ins>{jsonPreview(change.after)}</ins>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="small">
        <summary>{t("audit.raw")}</summary>
        <div className="raw-json">
          <pre>{JSON.stringify(event.before, null, 2) ?? "null"}</pre>
          <pre>{JSON.stringify(event.after, null, 2) ?? "null"}</pre>
        </div>
        <p className="mono muted">
          {t("audit.hash")}: {event.hash}
          {event.requestId !== null ? ` · ${t("audit.request")}: ${event.requestId}` : ""}
        </p>
      </details>
    </div>
  );
}

export function AuditView() {
  const { t, locale } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const filterKey = JSON.stringify(filter);
  const [events, setEvents] = useState<TEvent[]>([]);
  const [page, setPage] = useState<{ endCursor: string | null; hasNextPage: boolean; totalCount: number | null }>({
    endCursor: null,
    hasNextPage: false,
    totalCount: null,
  });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const requestRef = useRef<AbortController | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      requestRef.current?.abort();
      const controller = new AbortController();
      requestRef.current = controller;
      setLoading(true);
      setError(null);
      try {
        const data = await graphqlRequest(
          AuditEventsDocument,
          { filter: JSON.parse(filterKey) as AuditEventFilter, first: PAGE_SIZE, after },
          { signal: controller.signal },
        );
        const nodes = data.auditEvents.edges.map((edge) => edge.node);
        setEvents((current) => (after === null ? nodes : [...current, ...nodes]));
        setPage({
          endCursor: data.auditEvents.pageInfo.endCursor ?? null,
          hasNextPage: data.auditEvents.pageInfo.hasNextPage,
          totalCount: data.auditEvents.totalCount,
        });
      } catch (caught) {
        if (!controller.signal.aborted) setError(errorMessage(caught));
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    },
    [filterKey],
  );

  useEffect(() => {
    void load(null);
    return () => requestRef.current?.abort();
  }, [load]);

  function setParam(key: string, value: string): void {
    const params = new URLSearchParams(searchParams.toString());
    if (value.trim() === "") params.delete(key);
    else params.set(key, value.trim());
    const query = params.toString();
    router.replace(query === "" ? pathname : `${pathname}?${query}`, { scroll: false });
  }

  const textFilter = (key: string, label: string, testId?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        data-testid={testId}
        defaultValue={searchParams.get(key) ?? ""}
        onBlur={(e) => setParam(key, e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") setParam(key, e.currentTarget.value);
        }}
      />
    </label>
  );

  return (
    <div className="audit-page">
      <div className="page-head">
        <h1>{t("audit.title")}</h1>
        <span className="muted" data-testid="audit-count">
          {page.totalCount === null ? "" : t("audit.count", { count: page.totalCount })}
        </span>
      </div>
      <p className="muted small">{t("audit.intro")}</p>
      <form className="filters" aria-label={t("review.filters")} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t("audit.entityType")}</span>
          <select
            data-testid="audit-entity-type"
            value={searchParams.get("entityType") ?? ""}
            onChange={(e) => setParam("entityType", e.target.value)}
          >
            <option value="">{t("common.all")}</option>
            {ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        {textFilter("entityId", t("audit.entityId"), "audit-entity-id")}
        {textFilter("action", t("audit.action"), "audit-action")}
        {textFilter("actorId", t("audit.actor"))}
        <label className="field">
          <span>{t("audit.since")}</span>
          <input
            type="date"
            value={searchParams.get("since") ?? ""}
            onChange={(e) => setParam("since", e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("audit.until")}</span>
          <input
            type="date"
            value={searchParams.get("until") ?? ""}
            onChange={(e) => setParam("until", e.target.value)}
          />
        </label>
      </form>
      {error !== null && <RetryLine message={error} onRetry={() => void load(null)} />}
      <div className="table-wrap card flush">
        <table className="table audit-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.entity")}</th>
              <th scope="col">{t("audit.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => {
              const expanded = open.has(event.id);
              const changeCount = jsonDiff(event.before, event.after).length;
              const detailId = `audit-${event.id}`;
              return (
                <Fragment key={event.id}>
                  <tr data-testid="audit-row" data-action={event.action} data-entity-id={event.entityId}>
                    <td className="nowrap muted">{formatDateTime(event.createdAt, locale)}</td>
                    <td className="small">
                      <ActorName actor={event.actor} kind={event.actorKind} id={event.actorId} />
                    </td>
                    <td className="mono">{event.action}</td>
                    <td className="small">
                      {event.entityType}{" "}
                      <span className="mono muted" title={event.entityId}>
                        {event.entityId.length > 24 ? `${event.entityId.slice(0, 24)}…` : event.entityId}
                      </span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button small ghost"
                        aria-expanded={expanded}
                        aria-controls={detailId}
                        data-testid="audit-expand"
                        onClick={() =>
                          setOpen((current) => {
                            const next = new Set(current);
                            if (next.has(event.id)) next.delete(event.id);
                            else next.add(event.id);
                            return next;
                          })
                        }
                      >
                        {t("audit.changeCount", { count: changeCount })} {expanded ? "▴" : "▾"}
                      </button>
                    </td>
                  </tr>
                  {expanded && (
                    <tr id={detailId} className="audit-detail-row">
                      <td colSpan={5}>
                        <EventChanges event={event} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        {!loading && events.length === 0 && error === null && <p className="empty">{t("audit.empty")}</p>}
      </div>
      <div className="list-foot">
        {loading && <span className="muted">{t("common.loading")}</span>}
        {!loading && page.hasNextPage && (
          <button type="button" className="button" data-testid="audit-more" onClick={() => void load(page.endCursor)}>
            {t("common.loadMore")}
          </button>
        )}
      </div>
    </div>
  );
}
