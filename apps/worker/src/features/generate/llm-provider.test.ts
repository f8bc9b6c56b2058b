import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { llmSettings, parseEnv, ZLlmEnv } from "@truecopy/config";
import type { TGenerationInput } from "@truecopy/core";
import { createLlmProvider, LlmUnavailableError, type TLlmCache } from "./llm-provider.js";

// The LLM provider against a local stand-in for an OpenAI-compatible endpoint (our own test double
// for an external service): request shape, caching by prompt hash, retries with backoff on 5xx and
// timeouts, no retry on a client error, token and cost accounting, and the gate on the answer.

type THandler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let server: Server;
let baseUrl: string;
let handler: THandler;
const requests: { url: string; auth: string | undefined; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      requests.push({
        url: req.url ?? "",
        auth: req.headers.authorization,
        body: JSON.parse(body) as Record<string, unknown>,
      });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  requests.length = 0;
});

const answer = (content: string, usage = { prompt_tokens: 200, completion_tokens: 50 }) =>
  JSON.stringify({
    id: "c1",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content } }],
    usage,
  });
const ok =
  (content: string): THandler =>
  (_req, _body, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end(answer(content));

function memoryCache(): TLlmCache & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (k) => Promise.resolve(map.get(k) ?? null),
    set: (k, v) => {
      map.set(k, v);
      return Promise.resolve();
    },
  };
}

function provider(extra: Record<string, string> = {}) {
  const env = llmSettings(
    parseEnv(ZLlmEnv, {
      LLM_BASE_URL: baseUrl,
      LLM_API_KEY: "sk-test",
      LLM_MODEL: "test-model",
      // Generous: a busy test machine must not turn a prompt answer into a retry. The timeout test sets its own.
      LLM_TIMEOUT_MS: "5000",
      LLM_MAX_RETRIES: "2",
      LLM_PRICE_INPUT_PER_MTOK: "0.15",
      LLM_PRICE_OUTPUT_PER_MTOK: "0.6",
      ...extra,
    }),
  )!;
  const sleeps: number[] = [];
  const cache = memoryCache();
  const p = createLlmProvider(env, {
    cache,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  return { p, sleeps, cache };
}

const WATCH: TGenerationInput = {
  locale: "en",
  field: "DESCRIPTION",
  style: "vivid",
  audience: "sport",
  attributes: { type: "smartwatch", brand: "Stridely", colour: "black", "battery life": "7 days" },
};

describe("LLM provider", () => {
  it("is off without LLM_BASE_URL", () => {
    expect(llmSettings(parseEnv(ZLlmEnv, {}))).toBeNull();
  });

  it("sends an OpenAI-compatible request built from the facts, and gates, counts and caches the answer", async () => {
    handler = ok("Meet the Stridely smartwatch. Comes in black, with a battery life of 7 days.");
    const { p, cache } = provider();
    const first = await p.generate(WATCH);
    expect(requests).toHaveLength(1);
    const req = requests[0]!;
    expect(req.url).toBe("/v1/chat/completions");
    expect(req.auth).toBe("Bearer sk-test");
    expect(req.body).toMatchObject({ model: "test-model", temperature: 0 });
    const user = (req.body.messages as { role: string; content: string }[]).find((m) => m.role === "user")!.content;
    for (const fact of [
      "type: smartwatch",
      "brand: Stridely",
      "colour: black",
      "battery life: 7 days",
      "Audience: sport",
    ])
      expect(user).toContain(fact);

    expect(first.candidate.gate.status, JSON.stringify(first.candidate.gate.reasons)).toBe("offered");
    expect(first.candidate.generator).toBe("llm");
    expect(first.candidate.claims.map((c) => c.source)).toEqual(
      expect.arrayContaining(["attribute:brand", "attribute:type", "attribute:colour", "attribute:battery life"]),
    );
    for (const c of first.candidate.claims) expect(first.candidate.text.slice(c.start, c.end)).toBe(c.text);
    // 200 prompt tokens at $0.15/M + 50 completion tokens at $0.6/M.
    expect(first.usage).toMatchObject({
      promptTokens: 200,
      completionTokens: 50,
      costUsd: 0.00006,
      cached: false,
      attempts: 1,
    });
    expect(cache.map.size).toBe(1);

    const second = await p.generate({ ...WATCH });
    expect(requests).toHaveLength(1); // served from the cache: same prompt, same hash
    expect(second.usage).toMatchObject({ cached: true, costUsd: 0, promptTokens: 0 });
    expect(second.candidate.text).toBe(first.candidate.text);

    await p.generate({ ...WATCH, style: "concise" }); // another prompt, another call
    expect(requests).toHaveLength(2);
  });

  it("retries a server error with backoff, then succeeds", async () => {
    let n = 0;
    handler = (req, body, res) => {
      if (++n === 1) res.writeHead(503).end("busy");
      else ok("Meet the Stridely smartwatch.")(req, body, res);
    };
    const { p, sleeps } = provider();
    const r = await p.generate(WATCH);
    expect(r.usage.attempts).toBe(2);
    expect(sleeps).toEqual([375]); // 500 ms base: half fixed, half jitter (0.5)
  });

  it("times out a slow answer and gives up after the retries", async () => {
    handler = (_req, _body, res) => setTimeout(() => res.writeHead(200).end(answer("late")), 1_000);
    const { p, sleeps } = provider({ LLM_TIMEOUT_MS: "300" });
    await expect(p.generate(WATCH)).rejects.toThrow(/timed out after 300 ms/);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([375, 750]);
  });

  it("does not retry a request the endpoint refuses", async () => {
    handler = (_req, _body, res) => res.writeHead(400).end('{"error":"bad model"}');
    const { p } = provider();
    await expect(p.generate(WATCH)).rejects.toBeInstanceOf(LlmUnavailableError);
    expect(requests).toHaveLength(1);
  });

  it("blocks an answer that states a fact the product data does not give", async () => {
    handler = ok("Meet the Stridely smartwatch in red, made of titanium, for women.");
    const { p } = provider();
    const r = await p.generate(WATCH);
    expect(r.candidate.gate.status).toBe("blocked");
    const codes = r.candidate.gate.reasons.map((x) => x.code);
    expect(codes).toContain("ungrounded_claim");
    expect(codes).toContain("unsourced_fact");
  });
});
