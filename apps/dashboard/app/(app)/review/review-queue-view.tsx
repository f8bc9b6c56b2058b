"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import {
  ApproveVariantDocument,
  BulkDecideDocument,
  CLAIM_FILTER_VALUES,
  ClaimReviewItemDocument,
  FINDING_CATEGORY_VALUES,
  RejectVariantDocument,
  REVIEW_QUEUE_SORT_VALUES,
  ReviewFilterOptionsDocument,
  ReviewQueueDocument,
  SEVERITY_VALUES,
  UndoBatchDocument,
} from "../../../lib/graphql/generated/graphql";
import type {
  BulkDecideMutation,
  ReviewItemFieldsFragment,
  ReviewQueueFilter,
  TRejectReasonCode,
} from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../lib/i18n/translate";
import { can } from "../../../lib/roles";
import { redirectToLoginIfSignedOut, useGraphQLQuery } from "../../../lib/use-graphql-query";
import { useShortcuts } from "../../../lib/use-shortcuts";
import { Modal } from "../../modal";
import { useCurrentUser } from "../current-user";
import { RetryLine } from "../load-states";
import { useToast } from "../toast";
import { ClaimBadge, RejectDialog, SeverityBadge, ShortcutHelp, SlaBadge } from "./review-widgets";

type TItem = ReviewItemFieldsFragment;
type TBulkResult = BulkDecideMutation["bulkDecide"];

const PAGE_SIZE = 50;
const ROW_HEIGHT = 76;
// Load the next page when the visible window comes this close to the end of what is loaded.
const PREFETCH_ROWS = 15;
const AGE_OPTIONS = [1, 4, 12, 24, 72] as const;

type TFilterKey =
  "merchantId" | "category" | "severity" | "findingCategory" | "generator" | "minAgeHours" | "locale" | "claimed";

function filterFromParams(params: URLSearchParams): ReviewQueueFilter {
  const filter: ReviewQueueFilter = {};
  const text = (key: TFilterKey) => params.get(key)?.trim() || undefined;
  const merchantId = text("merchantId");
  if (merchantId) filter.merchantId = merchantId;
  const category = text("category");
  if (category) filter.category = category;
  const severity = text("severity");
  if (severity && (SEVERITY_VALUES as readonly string[]).includes(severity))
    filter.severity = severity as ReviewQueueFilter["severity"];
  const findingCategory = text("findingCategory");
  if (findingCategory && (FINDING_CATEGORY_VALUES as readonly string[]).includes(findingCategory))
    filter.findingCategory = findingCategory as ReviewQueueFilter["findingCategory"];
  const generator = text("generator");
  if (generator) filter.generator = generator;
  const minAge = Number(text("minAgeHours"));
  if (Number.isFinite(minAge) && minAge > 0) filter.minAgeHours = minAge;
  const locale = text("locale");
  if (locale) filter.locale = locale;
  const claimed = text("claimed");
  if (claimed && (CLAIM_FILTER_VALUES as readonly string[]).includes(claimed))
    filter.claimed = claimed as ReviewQueueFilter["claimed"];
  return filter;
}

type TList = { key: string; items: TItem[]; endCursor: string | null; hasNextPage: boolean; totalCount: number | null };

export function ReviewQueueView() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const canDecide = can(user.role, "review:decide");

  const filter = useMemo(() => filterFromParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const sortParam = searchParams.get("sort");
  const sort = (REVIEW_QUEUE_SORT_VALUES as readonly string[]).includes(sortParam ?? "")
    ? (sortParam as (typeof REVIEW_QUEUE_SORT_VALUES)[number])
    : "OLDEST";
  const listKey = JSON.stringify([filter, sort]);

  const [list, setList] = useState<TList>({
    key: listKey,
    items: [],
    endCursor: null,
    hasNextPage: false,
    totalCount: null,
  });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [rejecting, setRejecting] = useState<string[] | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [bulkPreview, setBulkPreview] = useState<{ result: TBulkResult; action: "APPROVE" | "REJECT" } | null>(null);
  const [bulkReason, setBulkReason] = useState<TRejectReasonCode | null>(null);
  const requestRef = useRef<AbortController | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowRefs = useRef(new Map<number, HTMLDivElement>());
  const options = useGraphQLQuery(ReviewFilterOptionsDocument, {});

  const load = useCallback(
    async (after: string | null) => {
      requestRef.current?.abort();
      const controller = new AbortController();
      requestRef.current = controller;
      setLoading(true);
      setError(null);
      try {
        const data = await graphqlRequest(
          ReviewQueueDocument,
          { filter, sort, first: PAGE_SIZE, after },
          { signal: controller.signal },
        );
        const page = data.reviewQueue;
        setList((current) => ({
          key: listKey,
          items:
            after === null || current.key !== listKey
              ? page.edges.map((e) => e.node)
              : [...current.items, ...page.edges.map((e) => e.node)],
          endCursor: page.pageInfo.endCursor ?? null,
          hasNextPage: page.pageInfo.hasNextPage,
          totalCount: page.totalCount,
        }));
      } catch (caught) {
        if (controller.signal.aborted) return;
        if (redirectToLoginIfSignedOut(caught)) return;
        setError(errorMessage(caught));
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    },
    [filter, sort, listKey],
  );

  useEffect(() => {
    setSelected(new Set());
    setFocus(0);
    void load(null);
    return () => requestRef.current?.abort();
  }, [load, reload]);

  const items = list.key === listKey ? list.items : [];
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows.at(-1)?.index ?? 0;

  // Infinite list: the next page is asked for before the user reaches the end.
  useEffect(() => {
    if (!loading && list.hasNextPage && lastVisible >= items.length - PREFETCH_ROWS) void load(list.endCursor);
  }, [lastVisible, items.length, list.hasNextPage, list.endCursor, loading, load]);

  function setParam(key: string, value: string): void {
    const params = new URLSearchParams(searchParams.toString());
    if (value === "") params.delete(key);
    else params.set(key, value);
    const query = params.toString();
    router.replace(query === "" ? pathname : `${pathname}?${query}`, { scroll: false });
  }

  const moveFocus = useCallback(
    (index: number) => {
      if (items.length === 0) return;
      const next = Math.max(0, Math.min(items.length - 1, index));
      setFocus(next);
      virtualizer.scrollToIndex(next, { align: "auto" });
      // The row exists once the virtualizer has rendered it.
      requestAnimationFrame(() => rowRefs.current.get(next)?.focus());
    },
    [items.length, virtualizer],
  );

  const removeItems = useCallback((ids: readonly string[]) => {
    const gone = new Set(ids);
    setList((current) => ({
      ...current,
      items: current.items.filter((item) => !gone.has(item.id)),
      totalCount: current.totalCount === null ? null : Math.max(0, current.totalCount - ids.length),
    }));
    setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
  }, []);

  const offerUndo = useCallback(
    (message: string, batchId: string | null, undoExpiresAt: string | null) => {
      const timeoutMs = undoExpiresAt === null ? 5_000 : Math.max(1_000, Date.parse(undoExpiresAt) - Date.now());
      toast({
        message,
        timeoutMs,
        ...(batchId === null
          ? {}
          : {
              action: {
                label: t("review.undo"),
                run: () => {
                  void graphqlRequest(UndoBatchDocument, { batchId })
                    .then(() => {
                      toast({ message: t("review.undone") });
                      setReload((value) => value + 1);
                    })
                    .catch((caught: unknown) => toast({ message: errorMessage(caught), tone: "error" }));
                },
              },
            }),
      });
    },
    [t, toast],
  );

  const approve = useCallback(
    async (item: TItem) => {
      if (item.variant.verdict === "BLOCK") {
        toast({ message: t("review.blockedNote"), tone: "error" });
        return;
      }
      try {
        if (item.claim === null || !item.claim.mine)
          await graphqlRequest(ClaimReviewItemDocument, { variantId: item.id });
        const outcome = (await graphqlRequest(ApproveVariantDocument, { variantId: item.id })).approveVariant;
        removeItems([item.id]);
        offerUndo(
          t("review.approvedOne", { sku: item.variant.product.sku }),
          outcome.batchId ?? null,
          outcome.undoExpiresAt ?? null,
        );
      } catch (caught) {
        toast({ message: errorMessage(caught), tone: "error" });
      }
    },
    [offerUndo, removeItems, t, toast],
  );

  async function rejectMany(ids: string[], reasonCode: TRejectReasonCode, comment: string | null): Promise<void> {
    if (ids.length === 1 && ids[0] !== undefined) {
      const id = ids[0];
      const item = items.find((candidate) => candidate.id === id);
      if (item !== undefined && (item.claim === null || !item.claim.mine))
        await graphqlRequest(ClaimReviewItemDocument, { variantId: id });
      const outcome = (await graphqlRequest(RejectVariantDocument, { variantId: id, reasonCode, comment }))
        .rejectVariant;
      setRejecting(null);
      removeItems([id]);
      offerUndo(
        t("review.rejectedOne", { sku: item?.variant.product.sku ?? "" }),
        outcome.batchId ?? null,
        outcome.undoExpiresAt ?? null,
      );
      return;
    }
    setRejecting(null);
    setBulkReason(reasonCode);
    await previewBulk("REJECT", reasonCode);
  }

  async function previewBulk(action: "APPROVE" | "REJECT", reasonCode: TRejectReasonCode | null = null): Promise<void> {
    try {
      const result = (
        await graphqlRequest(BulkDecideDocument, { variantIds: [...selected], action, preview: true, reasonCode })
      ).bulkDecide;
      setBulkPreview({ result, action });
    } catch (caught) {
      toast({ message: errorMessage(caught), tone: "error" });
    }
  }

  async function confirmBulk(): Promise<void> {
    if (bulkPreview === null) return;
    const { action } = bulkPreview;
    try {
      const result = (
        await graphqlRequest(BulkDecideDocument, {
          variantIds: [...selected],
          action,
          preview: false,
          reasonCode: action === "REJECT" ? bulkReason : null,
        })
      ).bulkDecide;
      setBulkPreview(null);
      removeItems(result.items.filter((item) => item.skipped === null).map((item) => item.variantId));
      offerUndo(
        t(action === "APPROVE" ? "review.bulkApproved" : "review.bulkRejected", {
          count: result.changed,
          skipped: result.skipped,
        }),
        result.batchId ?? null,
        result.undoExpiresAt ?? null,
      );
    } catch (caught) {
      toast({ message: errorMessage(caught), tone: "error" });
    }
  }

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const focused = items[Math.min(focus, items.length - 1)];
  useShortcuts({
    j: () => moveFocus(focus + 1),
    k: () => moveFocus(focus - 1),
    x: () => focused !== undefined && toggle(focused.id),
    a: () => {
      if (focused !== undefined && canDecide) void approve(focused);
    },
    r: () => {
      if (focused !== undefined && canDecide) setRejecting([focused.id]);
    },
    e: () => focused !== undefined && router.push(`/review/${encodeURIComponent(focused.id)}?edit=1`),
    o: () => focused !== undefined && router.push(`/review/${encodeURIComponent(focused.id)}`),
    Enter: () => focused !== undefined && router.push(`/review/${encodeURIComponent(focused.id)}`),
    "?": () => setHelpOpen(true),
  });

  const merchants = options.data?.merchants ?? [];
  const previewById = new Map(items.map((item) => [item.id, item]));

  return (
    <div className="review-page">
      <div className="page-head">
        <h1>{t("review.title")}</h1>
        <span className="muted" data-testid="review-count">
          {list.totalCount === null ? "" : t("review.count", { count: list.totalCount })}
        </span>
        <button type="button" className="button ghost small help-button" onClick={() => setHelpOpen(true)}>
          <kbd>?</kbd> {t("review.shortcuts")}
        </button>
      </div>

      <form className="filters" aria-label={t("review.filters")} onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          <span>{t("review.filter.merchant")}</span>
          <select
            data-testid="filter-merchant"
            value={filter.merchantId ?? ""}
            onChange={(e) => setParam("merchantId", e.target.value)}
          >
            <option value="">{t("common.all")}</option>
            {merchants.map((merchant) => (
              <option key={merchant.id} value={merchant.id}>
                {merchant.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("review.filter.category")}</span>
          <input
            type="text"
            defaultValue={filter.category ?? ""}
            onBlur={(e) => setParam("category", e.target.value.trim())}
            onKeyDown={(e) => {
              if (e.key === "Enter") setParam("category", e.currentTarget.value.trim());
            }}
          />
        </label>
        <label className="field">
          <span>{t("review.filter.severity")}</span>
          <select
            data-testid="filter-severity"
            value={filter.severity ?? ""}
            onChange={(e) => setParam("severity", e.target.value)}
          >
            <option value="">{t("common.all")}</option>
            {SEVERITY_VALUES.map((value) => (
              <option key={value} value={value}>
                {t("review.atLeast", { severity: enumLabel(t, "finding.severity", value) })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("review.filter.findingCategory")}</span>
          <select
            data-testid="filter-finding-category"
            value={filter.findingCategory ?? ""}
            onChange={(e) => setParam("findingCategory", e.target.value)}
          >
            <option value="">{t("common.all")}</option>
            {FINDING_CATEGORY_VALUES.map((value) => (
              <option key={value} value={value}>
                {enumLabel(t, "finding.category", value)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("review.filter.generator")}</span>
          <input
            type="text"
            defaultValue={filter.generator ?? ""}
            onBlur={(e) => setParam("generator", e.target.value.trim())}
            onKeyDown={(e) => {
              if (e.key === "Enter") setParam("generator", e.currentTarget.value.trim());
            }}
          />
        </label>
        <label className="field">
          <span>{t("review.filter.age")}</span>
          <select value={filter.minAgeHours ?? ""} onChange={(e) => setParam("minAgeHours", e.target.value)}>
            <option value="">{t("common.all")}</option>
            {AGE_OPTIONS.map((hours) => (
              <option key={hours} value={hours}>
                {t("review.olderThan", { hours })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("review.filter.locale")}</span>
          <select
            data-testid="filter-locale"
            value={filter.locale ?? ""}
            onChange={(e) => setParam("locale", e.target.value)}
          >
            <option value="">{t("common.all")}</option>
            <option value="zh">{t("language.zh")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
        </label>
        <label className="field">
          <span>{t("review.filter.claimed")}</span>
          <select value={filter.claimed ?? ""} onChange={(e) => setParam("claimed", e.target.value)}>
            <option value="">{t("common.all")}</option>
            {CLAIM_FILTER_VALUES.filter((value) => value !== "ANY").map((value) => (
              <option key={value} value={value}>
                {enumLabel(t, "review.claimFilter", value)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("review.sort")}</span>
          <select data-testid="review-sort" value={sort} onChange={(e) => setParam("sort", e.target.value)}>
            {REVIEW_QUEUE_SORT_VALUES.map((value) => (
              <option key={value} value={value}>
                {enumLabel(t, "review.sortBy", value)}
              </option>
            ))}
          </select>
        </label>
      </form>

      {selected.size > 0 && (
        <div className="bulk-bar" role="region" aria-label={t("review.bulk")} data-testid="bulk-bar">
          <span>{t("review.selected", { count: selected.size })}</span>
          {canDecide && (
            <>
              <button
                type="button"
                className="button primary small"
                data-testid="bulk-approve"
                onClick={() => void previewBulk("APPROVE")}
              >
                {t("review.approveSelected")}
              </button>
              <button
                type="button"
                className="button danger small"
                data-testid="bulk-reject"
                onClick={() => setRejecting([...selected])}
              >
                {t("review.rejectSelected")}
              </button>
            </>
          )}
          <button type="button" className="button ghost small" onClick={() => setSelected(new Set())}>
            {t("review.clearSelection")}
          </button>
        </div>
      )}

      {error !== null && <RetryLine message={error} onRetry={() => setReload((value) => value + 1)} />}

      <div
        ref={scrollRef}
        className="queue-scroll"
        data-testid="review-list"
        role="list"
        aria-label={t("review.listLabel")}
        aria-busy={loading}
      >
        <div className="queue-spacer" ref={(el) => el?.style.setProperty("height", `${virtualizer.getTotalSize()}px`)}>
          {virtualRows.map((row) => {
            const item = items[row.index];
            if (item === undefined) return null;
            const product = item.variant.product;
            const isFocused = row.index === focus;
            return (
              <div
                key={row.key}
                role="listitem"
                tabIndex={isFocused ? 0 : -1}
                aria-current={isFocused ? "true" : undefined}
                data-testid="review-row"
                data-variant-id={item.id}
                data-sku={product.sku}
                className={`queue-row${isFocused ? " focused" : ""}${selected.has(item.id) ? " selected" : ""}`}
                ref={(el) => {
                  if (el === null) {
                    rowRefs.current.delete(row.index);
                    return;
                  }
                  rowRefs.current.set(row.index, el);
                  el.style.setProperty("transform", `translateY(${row.start}px)`);
                }}
                onFocus={() => setFocus(row.index)}
              >
                <input
                  type="checkbox"
                  className="row-check"
                  data-testid="row-select"
                  checked={selected.has(item.id)}
                  onChange={() => toggle(item.id)}
                  aria-label={t("review.selectItem", { sku: product.sku })}
                />
                <SlaBadge status={item.slaStatus} ageSeconds={item.ageSeconds} />
                <div className="queue-main">
                  <Link href={`/review/${encodeURIComponent(item.id)}`} className="queue-title" tabIndex={-1}>
                    {product.title}
                  </Link>
                  <span className="muted small block">
                    <span className="mono">{product.sku}</span> · {product.merchant.name}
                    {product.category !== null ? ` · ${product.category}` : ""}
                  </span>
                </div>
                <div className="queue-meta small">
                  <span className="chip">{enumLabel(t, "variant.field", item.variant.field)}</span>
                  <span className="chip">{item.variant.locale}</span>
                  <span className="chip">
                    {item.variant.generator ?? enumLabel(t, "variant.origin", item.variant.origin)}
                  </span>
                </div>
                <SeverityBadge severity={item.maxSeverity ?? null} count={item.findingCount} />
                <ClaimBadge claim={item.claim ?? null} />
              </div>
            );
          })}
        </div>
        {!loading && items.length === 0 && error === null && <p className="empty">{t("review.empty")}</p>}
      </div>
      <div className="list-foot muted small">
        {loading ? t("common.loading") : t("review.keysHint")}
        {!canDecide && (
          <span className="readonly-note"> · {t("review.readOnly", { role: enumLabel(t, "role", user.role) })}</span>
        )}
      </div>

      <RejectDialog
        open={rejecting !== null}
        count={rejecting?.length ?? 1}
        onClose={() => setRejecting(null)}
        onSubmit={(reason, comment) => rejectMany(rejecting ?? [], reason, comment)}
      />
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <Modal
        open={bulkPreview !== null}
        onClose={() => setBulkPreview(null)}
        title={t(bulkPreview?.action === "REJECT" ? "review.previewReject" : "review.previewApprove")}
        testId="bulk-preview"
        wide
      >
        {bulkPreview !== null && (
          <>
            <p>
              {t("review.previewSummary", { changed: bulkPreview.result.changed, skipped: bulkPreview.result.skipped })}
            </p>
            <div className="table-wrap preview-table">
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">{t("products.col.sku")}</th>
                    <th scope="col">{t("review.from")}</th>
                    <th scope="col">{t("review.to")}</th>
                    <th scope="col">{t("review.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {bulkPreview.result.items.map((entry) => (
                    <tr key={entry.variantId} data-testid="preview-row" data-skipped={entry.skipped ?? ""}>
                      <td className="mono">
                        {previewById.get(entry.variantId)?.variant.product.sku ?? entry.variantId}
                      </td>
                      <td>{entry.fromStatus === null ? "—" : enumLabel(t, "variant.status", entry.fromStatus)}</td>
                      <td>{entry.toStatus === null ? "—" : enumLabel(t, "variant.status", entry.toStatus)}</td>
                      <td className="small">
                        {entry.skipped !== null ? enumLabel(t, "review.skip", entry.skipped) : ""}
                        {entry.message !== null ? ` ${entry.message}` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="dialog-actions">
              <button type="button" className="button ghost" onClick={() => setBulkPreview(null)}>
                {t("common.cancel")}
              </button>
              <button
                type="button"
                className={bulkPreview.action === "REJECT" ? "button danger-solid" : "button primary"}
                data-testid="bulk-confirm"
                disabled={bulkPreview.result.changed === 0}
                onClick={() => void confirmBulk()}
              >
                {t("review.confirmBulk", { count: bulkPreview.result.changed })}
              </button>
            </div>
          </>
        )}
      </Modal>
    </div>
  );
}
