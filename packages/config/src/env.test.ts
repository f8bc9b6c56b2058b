import { describe, expect, it } from "vitest";
import { EnvError, llmSettings, parseEnv, ZWorkerEnv } from "./env.js";

const BASE = { DATABASE_URL: "postgres://x@127.0.0.1:5432/db" };

function problems(extra: Record<string, string>): string[] {
  try {
    parseEnv(ZWorkerEnv, { ...BASE, ...extra });
  } catch (e) {
    if (e instanceof EnvError) return e.issues;
    throw e;
  }
  return [];
}

describe("worker env: LLM settings", () => {
  it("leaves the LLM off without LLM_BASE_URL, with the defaults", () => {
    const env = parseEnv(ZWorkerEnv, BASE);
    expect(llmSettings(env)).toBeNull();
    expect(env).toMatchObject({ LLM_MODEL: "gpt-4o-mini", LLM_TIMEOUT_MS: 30_000, LLM_MAX_RETRIES: 3 });
  });

  it("parses a configured endpoint with its numbers", () => {
    const env = parseEnv(ZWorkerEnv, {
      ...BASE,
      LLM_BASE_URL: "http://localhost:11434/v1",
      LLM_API_KEY: "sk-abc",
      LLM_MODEL: "qwen2.5:7b",
      LLM_TIMEOUT_MS: "5000",
      LLM_MAX_RETRIES: "0",
      LLM_PRICE_INPUT_PER_MTOK: "0.15",
      LLM_PRICE_OUTPUT_PER_MTOK: "0.6",
      LLM_CACHE_TTL_HOURS: "0",
    });
    expect(llmSettings(env)).toMatchObject({
      LLM_BASE_URL: "http://localhost:11434/v1",
      LLM_API_KEY: "sk-abc",
      LLM_MODEL: "qwen2.5:7b",
      LLM_TIMEOUT_MS: 5000,
      LLM_MAX_RETRIES: 0,
      LLM_PRICE_INPUT_PER_MTOK: 0.15,
      LLM_PRICE_OUTPUT_PER_MTOK: 0.6,
      LLM_CACHE_TTL_HOURS: 0,
    });
  });

  it("names the variable and what is wrong with it", () => {
    expect(problems({ LLM_BASE_URL: "api.openai.com/v1" })).toEqual([
      expect.stringMatching(/^LLM_BASE_URL: LLM_BASE_URL must be an http\(s\) URL/),
    ]);
    expect(problems({ LLM_BASE_URL: "ftp://example.com/v1" })[0]).toMatch(/^LLM_BASE_URL: .*http\(s\)/);
    expect(problems({ LLM_TIMEOUT_MS: "30s" })).toEqual([expect.stringMatching(/^LLM_TIMEOUT_MS: .*milliseconds/)]);
    expect(problems({ LLM_TIMEOUT_MS: "10" })[0]).toMatch(/at least 100/);
    expect(problems({ LLM_MAX_RETRIES: "11" })[0]).toMatch(/^LLM_MAX_RETRIES: .*0\.\.10/);
    expect(problems({ LLM_PRICE_INPUT_PER_MTOK: "-1" })[0]).toMatch(/^LLM_PRICE_INPUT_PER_MTOK: .*USD per million/);
    expect(problems({ LLM_MODEL: "gpt 4o" })[0]).toMatch(/^LLM_MODEL: .*without spaces/);
  });

  it("refuses a key without an endpoint instead of silently leaving the LLM off", () => {
    expect(problems({ LLM_API_KEY: "sk-abc" })).toEqual([
      expect.stringMatching(/^LLM_BASE_URL: LLM_BASE_URL is required when LLM_API_KEY is set/),
    ]);
  });
});
