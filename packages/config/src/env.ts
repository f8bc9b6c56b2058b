import { z } from "zod";

// The only place that reads process.env: every app composes the pieces it needs and parses once.
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

export const ZBaseEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // OTLP/HTTP collector (e.g. http://otel-collector:4318); traces are off when unset.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: "OTEL_EXPORTER_OTLP_ENDPOINT must be a URL" }).optional(),
});

export const ZDatabaseEnv = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (postgres://user@host:port/db)" })
    .regex(/^postgres(ql)?:\/\//, { error: "DATABASE_URL must start with postgres:// or postgresql://" }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
});

export const ZRedisEnv = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { error: "REDIS_URL must start with redis:// or rediss://" })
    .default("redis://127.0.0.1:6379"),
  TRUECOPY_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: "TRUECOPY_QUEUE_PREFIX: letters, digits, _ . - only" })
    .default("truecopy"),
});

// Product images: where uploads are kept (shared by api and worker), the one folder local image paths
// may point into (unset: paths are refused), private hosts image URLs may reach (admin allow-list).
const ZImageEnv = z.object({
  IMAGE_STORE_DIR: z.string().min(1).default(".data/images"),
  IMAGE_LOCAL_DIR: z.string().min(1).optional(),
  IMAGE_ALLOWED_HOSTS: z.string().max(2000).default(""),
});

export const ZApiEnv = ZBaseEnv.extend(ZDatabaseEnv.shape)
  .extend(ZRedisEnv.shape)
  .extend({
    API_PORT: port(4000),
    API_HOST: z.string().optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    // Secure cookies need HTTPS; on by default in production, off for the embedded localhost set-up.
    COOKIE_SECURE: flag,
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().min(10).default(5000),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(10_000).default(50),
    GRAPHQL_MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1_000).max(10_000_000).default(100_000),
    // Per API key, user or (anonymous) client address: sustained rate and burst of GraphQL requests.
    GRAPHQL_RATE_PER_SECOND: z.coerce.number().positive().max(1_000_000).default(100),
    GRAPHQL_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(500),
    GRAPHQL_INTROSPECTION: flag,
    // When set, GET /metrics requires `Authorization: Bearer <token>`.
    METRICS_TOKEN: z.string().min(16).max(200).optional(),
    // How long a moderator's claim on a review item lasts (seconds).
    REVIEW_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
    // Comma-separated hosts/addresses webhooks may reach although they are private (e.g. 127.0.0.1 in tests).
    WEBHOOK_ALLOWED_HOSTS: z.string().max(2000).default(""),
    ...ZImageEnv.shape,
    // Largest image accepted by the upload mutation (bytes, before base64).
    IMAGE_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1_000).max(20_000_000).default(10_000_000),
  });
export type TApiEnv = z.infer<typeof ZApiEnv>;

// The optional LLM provider (worker, generation): any OpenAI-compatible chat completions endpoint,
// off while LLM_BASE_URL is unset. The other settings are checked even then, so a typo shows at start.
export const ZLlmEnv = z.object({
  // e.g. https://api.openai.com/v1 or http://localhost:11434/v1
  LLM_BASE_URL: z
    .url({ protocol: /^https?$/, error: "LLM_BASE_URL must be an http(s) URL such as https://api.openai.com/v1" })
    .optional(),
  // Sent as `Authorization: Bearer …`.
  LLM_API_KEY: z
    .string()
    .max(500, { error: "LLM_API_KEY is longer than 500 characters" })
    .regex(/^\S+$/, { error: "LLM_API_KEY must not contain spaces or line breaks" })
    .optional(),
  LLM_MODEL: z
    .string()
    .max(200, { error: "LLM_MODEL is longer than 200 characters" })
    .regex(/^\S+$/, { error: "LLM_MODEL must be a model name without spaces (e.g. gpt-4o-mini)" })
    .default("gpt-4o-mini"),
  // Per attempt.
  LLM_TIMEOUT_MS: z.coerce
    .number({ error: "LLM_TIMEOUT_MS must be a number of milliseconds" })
    .int({ error: "LLM_TIMEOUT_MS must be a whole number of milliseconds" })
    .min(100, { error: "LLM_TIMEOUT_MS must be at least 100" })
    .max(300_000, { error: "LLM_TIMEOUT_MS must be at most 300000 (5 minutes)" })
    .default(30_000),
  LLM_MAX_RETRIES: z.coerce
    .number({ error: "LLM_MAX_RETRIES must be a number" })
    .int({ error: "LLM_MAX_RETRIES must be a whole number" })
    .min(0, { error: "LLM_MAX_RETRIES must be 0..10" })
    .max(10, { error: "LLM_MAX_RETRIES must be 0..10" })
    .default(3),
  // USD per million tokens, for the cost accounting.
  LLM_PRICE_INPUT_PER_MTOK: z.coerce
    .number({ error: "LLM_PRICE_INPUT_PER_MTOK must be a number (USD per million tokens)" })
    .min(0, { error: "LLM_PRICE_INPUT_PER_MTOK must be 0..10000 (USD per million tokens)" })
    .max(10_000, { error: "LLM_PRICE_INPUT_PER_MTOK must be 0..10000 (USD per million tokens)" })
    .default(0),
  LLM_PRICE_OUTPUT_PER_MTOK: z.coerce
    .number({ error: "LLM_PRICE_OUTPUT_PER_MTOK must be a number (USD per million tokens)" })
    .min(0, { error: "LLM_PRICE_OUTPUT_PER_MTOK must be 0..10000 (USD per million tokens)" })
    .max(10_000, { error: "LLM_PRICE_OUTPUT_PER_MTOK must be 0..10000 (USD per million tokens)" })
    .default(0),
  // Answers are cached in Redis by the hash of the request; 0: no cache.
  LLM_CACHE_TTL_HOURS: z.coerce
    .number({ error: "LLM_CACHE_TTL_HOURS must be a number of hours" })
    .min(0, { error: "LLM_CACHE_TTL_HOURS must be 0..8760" })
    .max(24 * 365, { error: "LLM_CACHE_TTL_HOURS must be 0..8760" })
    .default(24 * 30),
});
export type TLlmEnv = z.infer<typeof ZLlmEnv>;

/** The LLM settings when an endpoint is configured; null when generation has no LLM. */
export function llmSettings(env: TLlmEnv): (TLlmEnv & { LLM_BASE_URL: string }) | null {
  const { LLM_BASE_URL } = env;
  return LLM_BASE_URL ? { ...env, LLM_BASE_URL } : null;
}

// A key without an endpoint is a half-done configuration, not "LLM off".
const llmKeyNeedsUrl = (
  env: { LLM_BASE_URL?: string | undefined; LLM_API_KEY?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (env.LLM_API_KEY && !env.LLM_BASE_URL)
    ctx.addIssue({
      code: "custom",
      path: ["LLM_BASE_URL"],
      message: "LLM_BASE_URL is required when LLM_API_KEY is set (or unset LLM_API_KEY to turn the LLM off)",
    });
};

export const ZWorkerEnv = ZBaseEnv.extend(ZDatabaseEnv.shape)
  .extend(ZRedisEnv.shape)
  .extend(ZLlmEnv.shape)
  .extend({
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    WORKER_HEALTH_PORT: port(0),
    // How long a job's lock lasts without renewal; a crashed worker's jobs are taken over after it.
    WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
    // Fault injection for crash tests: every job waits this long before it starts its work.
    WORKER_FAULT_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    METRICS_TOKEN: z.string().min(16).max(200).optional(),
    WEBHOOK_ALLOWED_HOSTS: z.string().max(2000).default(""),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    ...ZImageEnv.shape,
    // Remote images: largest body and longest fetch; images checked at once per worker (OCR is CPU-bound).
    IMAGE_MAX_BYTES: z.coerce.number().int().min(1_000).max(50_000_000).default(15_000_000),
    IMAGE_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    VISION_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  })
  .superRefine(llmKeyNeedsUrl);
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;

export const ZCliEnv = ZBaseEnv.extend({
  DATABASE_URL: ZDatabaseEnv.shape.DATABASE_URL.optional(),
  DATABASE_POOL_MAX: ZDatabaseEnv.shape.DATABASE_POOL_MAX,
})
  .extend(ZRedisEnv.shape)
  .extend({
    DEMO_API_KEY: z.string().min(16).max(200).optional(),
    DEMO_ADMIN_EMAIL: z.string().email().default("admin@truecopy.local"),
    DEMO_ADMIN_PASSWORD: z.string().min(8).default("truecopy-demo"),
  });
export type TCliEnv = z.infer<typeof ZCliEnv>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid environment:\n  ${issues.join("\n  ")}`);
    this.name = "EnvError";
  }
}

/** Parses the environment once; a bad variable stops the process with every problem listed. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`));
}

/** Tests and benchmarks refuse databases whose name does not end in `_test`: they create and delete data. */
export function assertTestDatabaseUrl(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name.endsWith("_test")) {
    throw new Error(`refusing to run tests against database "${name}": its name must end with _test`);
  }
}
