"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import { ProductsDocument, SemanticSearchDocument } from "../../../lib/graphql/generated/graphql";
import type { ProductRowFragment } from "../../../lib/graphql/generated/graphql";
import { useT } from "../../../lib/i18n/i18n-provider";
import { canImport } from "../../../lib/roles";
import { redirectToLoginIfSignedOut } from "../../../lib/use-graphql-query";
import { useCurrentUser } from "../current-user";
import { RetryLine } from "../load-states";
import { ImportPanel } from "./import-panel";
import { JobRunsPanel } from "./job-runs-panel";
import { ProductTable } from "./product-table";

type TProductRow = ProductRowFragment;
type TPageInfo = { hasNextPage: boolean; endCursor: string | null };

const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 300;

type TListState = {
  search: string;
  items: TProductRow[];
  pageInfo: TPageInfo | null;
  totalCount: number | null;
  loading: boolean;
  error: string | null;
};

function emptyList(search: string): TListState {
  return { search, items: [], pageInfo: null, totalCount: null, loading: true, error: null };
}

export function ProductsView() {
  const router = useRouter();
  const user = useCurrentUser();
  const t = useT();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.get("q") ?? "";
  const [draft, setDraft] = useState(search);
  const [list, setList] = useState<TListState>(() => emptyList(search));
  const [reloadToken, setReloadToken] = useState(0);
  const [jobsToken, setJobsToken] = useState(0);
  const requestRef = useRef<AbortController | null>(null);

  // The URL is the source of truth for the search (shareable, back button); typing updates it. Only
  // a change we did not make ourselves (back/forward) may overwrite what is being typed.
  const appliedSearch = useRef(search);
  useEffect(() => {
    if (search !== appliedSearch.current) {
      appliedSearch.current = search;
      setDraft(search);
    }
  }, [search]);

  const applySearch = useCallback(
    (value: string) => {
      const trimmed = value.trim();
      if (trimmed === search) return;
      appliedSearch.current = trimmed;
      const params = new URLSearchParams(searchParams.toString());
      if (trimmed === "") params.delete("q");
      else params.set("q", trimmed);
      const query = params.toString();
      router.replace(query === "" ? pathname : `${pathname}?${query}`, { scroll: false });
    },
    [pathname, router, search, searchParams],
  );

  useEffect(() => {
    const timer = setTimeout(() => applySearch(draft), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, applySearch]);

  const load = useCallback(
    async (after: string | null): Promise<void> => {
      requestRef.current?.abort();
      const controller = new AbortController();
      requestRef.current = controller;
      // A new search starts from an empty table; a refresh keeps the rows on screen until it answers.
      setList((current) => ({
        ...(current.search === search ? current : emptyList(search)),
        loading: true,
        error: null,
      }));
      try {
        const page =
          search === ""
            ? (
                await graphqlRequest(
                  ProductsDocument,
                  { filter: {}, first: PAGE_SIZE, after },
                  { signal: controller.signal },
                )
              ).products
            : {
                ...(
                  await graphqlRequest(
                    SemanticSearchDocument,
                    { query: search, first: PAGE_SIZE, after },
                    { signal: controller.signal },
                  )
                ).semanticSearch,
                totalCount: null,
              };
        setList((current) => ({
          search,
          items:
            after === null
              ? page.edges.map((edge) => edge.node)
              : [...current.items, ...page.edges.map((edge) => edge.node)],
          pageInfo: page.pageInfo,
          totalCount: page.totalCount,
          loading: false,
          error: null,
        }));
      } catch (caught) {
        if (controller.signal.aborted) return;
        if (redirectToLoginIfSignedOut(caught)) return;
        setList((current) => ({ ...current, loading: false, error: errorMessage(caught) }));
      }
    },
    [search],
  );

  useEffect(() => {
    void load(null);
    return () => requestRef.current?.abort();
  }, [load, reloadToken]);

  const reload = useCallback(() => setReloadToken((value) => value + 1), []);
  const onImported = useCallback(() => {
    setJobsToken((value) => value + 1);
    reload();
  }, [reload]);

  return (
    <div className="products-page">
      <section className="products-main">
        <div className="page-head">
          <h1>{t("products.title")}</h1>
          <span className="muted" data-testid="product-count">
            {list.totalCount === null ? "" : t("products.count", { count: list.totalCount })}
          </span>
        </div>
        <form
          className="search-bar"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            applySearch(draft);
          }}
        >
          <input
            data-testid="product-search"
            type="search"
            placeholder={t("products.searchPlaceholder")}
            aria-label={t("products.searchLabel")}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
        </form>
        {list.error !== null && <RetryLine message={list.error} onRetry={reload} />}
        {list.items.length > 0 && <ProductTable products={list.items} />}
        {!list.loading && list.error === null && list.items.length === 0 && (
          <div className="empty">{search === "" ? t("products.empty") : t("products.noMatch", { search })}</div>
        )}
        <div className="list-foot">
          {list.loading && <span className="muted">{t("common.loading")}</span>}
          {!list.loading && list.pageInfo?.hasNextPage === true && (
            <button
              type="button"
              className="button"
              data-testid="load-more"
              onClick={() => void load(list.pageInfo?.endCursor ?? null)}
            >
              {t("common.loadMore")}
            </button>
          )}
        </div>
      </section>
      <aside className="products-side">
        {canImport(user.role) && <ImportPanel onImported={onImported} onJobFinished={reload} />}
        <JobRunsPanel refreshToken={jobsToken} onJobsSettled={reload} />
      </aside>
    </div>
  );
}
