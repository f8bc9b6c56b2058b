import type { TLlmEnv } from "@truecopy/config";
import {
  completionText,
  completionUsage,
  llmCandidate,
  llmCostUsd,
  llmRequest,
  retryDelayMs,
  type TGenerationCandidate,
  type TGenerationInput,
  type TLlmUsage,
} from "@truecopy/core";

// The optional LLM provider: any OpenAI-compatible chat completions endpoint, off unless
// LLM_BASE_URL is set (settings parsed with the worker's env, packages/config). Calls are cached by the hash of the request (same prompt, same answer: no
// second charge), time out, and are retried with exponential backoff on network errors, timeouts,
// 429 and 5xx. Every answer goes through the same gate as the template generator's.

/** Where answers are kept by prompt hash (Redis in the worker). */
export type TLlmCache = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
};

export type TLlmResult = {
  candidate: TGenerationCandidate;
  usage: TLlmUsage & { costUsd: number; cached: boolean; attempts: number; promptHash: string; model: string };
};

export class LlmUnavailableError extends Error {
  override name = "LlmUnavailableError";
}

export type TLlmProvider = { model: string; generate(input: TGenerationInput): Promise<TLlmResult> };

/** A status worth retrying: rate limited, or the server's trouble. */
const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

export function createLlmProvider(
  env: TLlmEnv & { LLM_BASE_URL: string },
  deps: {
    cache: TLlmCache;
    fetch?: typeof fetch;
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
  },
): TLlmProvider {
  const doFetch = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const url = `${env.LLM_BASE_URL.replace(/\/+$/, "")}/chat/completions`;
  const price = { inputPerMTok: env.LLM_PRICE_INPUT_PER_MTOK, outputPerMTok: env.LLM_PRICE_OUTPUT_PER_MTOK };

  async function call(body: string): Promise<{ json: unknown; attempts: number }> {
    let lastError = "";
    for (let attempt = 1; attempt <= env.LLM_MAX_RETRIES + 1; attempt++) {
      if (attempt > 1) await sleep(retryDelayMs(attempt - 1, { random: deps.random?.() }));
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), env.LLM_TIMEOUT_MS);
      try {
        const res = await doFetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(env.LLM_API_KEY ? { authorization: `Bearer ${env.LLM_API_KEY}` } : {}),
          },
          body,
          signal: controller.signal,
        });
        const text = await res.text();
        if (res.ok) return { json: JSON.parse(text) as unknown, attempts: attempt };
        lastError = `HTTP ${res.status}: ${text.slice(0, 200)}`;
        if (!retryable(res.status)) break;
      } catch (e) {
        lastError = controller.signal.aborted ? `timed out after ${env.LLM_TIMEOUT_MS} ms` : (e as Error).message;
      } finally {
        clearTimeout(timer);
      }
    }
    throw new LlmUnavailableError(`LLM call failed: ${lastError}`);
  }

  return {
    model: env.LLM_MODEL,
    async generate(input) {
      const { request, promptHash } = llmRequest(input, { model: env.LLM_MODEL });
      const cacheKey = `llm:${promptHash}`;
      const hit = await deps.cache.get(cacheKey).catch(() => null);
      let json: unknown;
      let cached = false;
      let attempts = 0;
      if (hit) {
        json = JSON.parse(hit) as unknown;
        cached = true;
      } else {
        const r = await call(JSON.stringify(request));
        json = r.json;
        attempts = r.attempts;
      }
      const text = completionText(json);
      if (text === null) throw new LlmUnavailableError("LLM answer has no message content");
      if (!cached && env.LLM_CACHE_TTL_HOURS > 0)
        await deps.cache
          .set(cacheKey, JSON.stringify(json), Math.round(env.LLM_CACHE_TTL_HOURS * 3600))
          .catch(() => undefined);
      const usage = completionUsage(json);
      return {
        candidate: llmCandidate(text, input, { model: env.LLM_MODEL }),
        usage: {
          // A cached answer costs nothing now; its tokens were paid for once.
          promptTokens: cached ? 0 : usage.promptTokens,
          completionTokens: cached ? 0 : usage.completionTokens,
          costUsd: cached ? 0 : llmCostUsd(usage, price),
          cached,
          attempts,
          promptHash,
          model: env.LLM_MODEL,
        },
      };
    },
  };
}
