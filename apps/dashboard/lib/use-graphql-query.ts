"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { GraphQLRequestError, graphqlRequest } from "./graphql-client";
import type { TDocument } from "./graphql-client";

export type TQueryState<TData> = {
  data: TData | undefined;
  error: Error | undefined;
  loading: boolean;
  refetch: () => void;
};

export type TQueryOptions<TData> = {
  /** Ask again this many milliseconds after each answer (requests never overlap). */
  pollMs?: number;
  /**
   * Keep polling only while this holds for the latest data; a number instead of true asks again
   * after that many milliseconds rather than `pollMs` (something that moves only when someone acts).
   */
  pollWhile?: (data: TData) => boolean | number;
  skip?: boolean;
};

/**
 * A session that expired mid-use: sign in again and come back here. True when `caught` said so
 * (the page is leaving: show nothing of the failure).
 */
export function redirectToLoginIfSignedOut(caught: unknown): boolean {
  if (!(caught instanceof GraphQLRequestError && caught.code === "UNAUTHENTICATED")) return false;
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
  return true;
}

export function useGraphQLQuery<TData, TVariables>(
  document: TDocument<TData, TVariables>,
  variables: TVariables,
  options: TQueryOptions<TData> = {},
): TQueryState<TData> {
  const { pollMs, skip = false } = options;
  const variablesKey = JSON.stringify(variables);
  const [data, setData] = useState<TData | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(!skip);
  const [generation, setGeneration] = useState(0);
  // Latest values without restarting the request loop on every render.
  const variablesRef = useRef(variables);
  variablesRef.current = variables;
  const pollWhileRef = useRef(options.pollWhile);
  pollWhileRef.current = options.pollWhile;

  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastData: TData | undefined;

    const run = async (): Promise<void> => {
      setLoading(true);
      let failed = false;
      try {
        lastData = await graphqlRequest(document, variablesRef.current, { signal: controller.signal });
        if (controller.signal.aborted) return;
        setData(lastData);
        setError(undefined);
      } catch (caught) {
        if (controller.signal.aborted) return;
        if (redirectToLoginIfSignedOut(caught)) return;
        failed = true;
        setError(caught instanceof Error ? caught : new Error(String(caught)));
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
      if (pollMs === undefined || controller.signal.aborted) return;
      const pollWhile = pollWhileRef.current;
      const keepPolling = pollWhile === undefined || lastData === undefined || pollWhile(lastData);
      if (keepPolling === false) return;
      const delay = typeof keepPolling === "number" ? keepPolling : pollMs;
      // After a failure back off, so a restarting API is not hammered.
      timer = setTimeout(() => void run(), failed ? delay * 3 : delay);
    };
    void run();

    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [document, variablesKey, pollMs, skip, generation]);

  const refetch = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, refetch };
}
