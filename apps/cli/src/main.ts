#!/usr/bin/env node
import { parseArgs } from "node:util";
import {
  createDatabase,
  migrate,
  createUser,
  createApiKey,
  ensureMerchant,
  findMerchantBySlugOrId,
  verifyAuditChain,
  type TDatabase,
} from "@truecopy/db";
import { loadEnv, requireDatabaseUrl } from "./env.js";
import { importCommand } from "./commands/import.command.js";
import { analyzeCommand } from "./commands/analyze.command.js";
import { lintCommand } from "./commands/lint.command.js";
import { generateCommand } from "./commands/generate.command.js";
import { matchCommand } from "./commands/match.command.js";
import { dedupeCommand } from "./commands/dedupe.command.js";
import { exportCommand } from "./commands/export.command.js";
import { exportPublishedCommand } from "./commands/export-published.command.js";
import { simulateCommand } from "./commands/simulate.command.js";
import { visionCommand } from "./commands/vision.command.js";
import { reembedCommand } from "./commands/reembed.command.js";
import { isRole, seedCommand } from "./commands/seed.command.js";
import { isMerchantBound } from "@truecopy/core";

const USAGE = `truecopy <command> [options]

Commands:
  migrate                         apply database migrations
  seed [--admin-only]             demo merchants, catalog, users and API key (idempotent)
  import FILE [--merchant SLUG] [--format csv|jsonl] [--batch-size N] [--errors FILE] [--wait] [--quiet]
                                  import a catalog; rows are validated one by one, invalid rows reported and skipped
  export [--format jsonl|csv] [--out FILE] [--merchant SLUG]
                                  write the catalog in the import format
  export --published [--since ISO-DATE] [--format jsonl|csv] [--out FILE] [--merchant SLUG]
                                  write every live (published) text, oldest first, as the HTTP export does
  analyze --in FILE.jsonl         text analysis of {"id","text","locale"?} lines → one JSON line each (offline)
  lint --in FILE.jsonl [--brand-pack FILE.json]
                                  compliance lint of {"id","text","locale"?,"attributes"?} lines → one JSON line
                                  each: verdict and findings (offline); malformed lines reported on stderr, exit 1
  match --in FILE.jsonl           same product? {"id","left":{"name","description","price"},"right":{…}} lines →
                                  {"id","match","score"} each, in order (offline)
  dedupe --in FILE.jsonl          reused copy in a catalog of {"id","title","description"} lines → one line per
                                  cluster {"cluster","members","canonical","method","score"} (offline)
  vision --in FILE.jsonl          image checks of {"id","path"} lines → {"id","width","height","blur","colors",
                                  "text","findings"} each: quality, colours, OCR text linted (offline)
  simulate [--impressions N] [--seed S] [--products N] [--chart FILE.png|.svg] [--json]
                                  serving policies (Thompson sampling + matrix factorisation, Thompson alone,
                                  epsilon-greedy, uniform, oracle) on synthetic shoppers: CTR, regret, chart (offline)
  generate --in FILE.jsonl [--brand-pack FILE.json]
                                  grounded copy of {"id","locale","field","attributes","reviews"?,"audience"?,"style"?}
                                  lines → {"id","text","claims","findings","status"} each (offline)
  reembed [--batch-size N] [--wait] [--quiet]
                                  queue analysed products without a vector of the configured embedding model (or
                                  of an older version of it) for analysis again; prints {"model","jobRunId","products"}
  audit:verify                    recompute the audit log's hash chain; exit 1 at the first broken event
  merchant:create --slug SLUG --name NAME             create (or rename) a merchant
  user:create --email E --password P --role ROLE [--name N] [--merchant SLUG]
  apikey:create --name N --role ROLE [--merchant SLUG]   prints the key once

Environment: DATABASE_URL (required), REDIS_URL, DEMO_API_KEY, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD.
Exit codes: 0 ok, 1 finished with invalid rows, 2 usage error, 3 failure.`;

class UsageError extends Error {}

async function withDb<T>(fn: (db: TDatabase) => Promise<T>): Promise<T> {
  const db = createDatabase(requireDatabaseUrl(loadEnv()), { poolMax: 4, applicationName: "truecopy-cli" });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function merchantIdOf(db: TDatabase, slug: string | undefined): Promise<string | null> {
  if (!slug) return null;
  const m = await findMerchantBySlugOrId(db.pool, slug);
  if (!m) throw new UsageError(`unknown merchant "${slug}"`);
  return m.id;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      merchant: { type: "string" },
      format: { type: "string" },
      "batch-size": { type: "string" },
      errors: { type: "string" },
      wait: { type: "boolean" },
      quiet: { type: "boolean" },
      out: { type: "string" },
      email: { type: "string" },
      in: { type: "string" },
      slug: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      "admin-only": { type: "boolean" },
      "brand-pack": { type: "string" },
      impressions: { type: "string" },
      seed: { type: "string" },
      products: { type: "string" },
      chart: { type: "string" },
      json: { type: "boolean" },
      published: { type: "boolean" },
      since: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (!command || values.help || command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const env = loadEnv();
  switch (command) {
    case "migrate": {
      const r = await migrate(requireDatabaseUrl(env), { log: (l) => process.stderr.write(`${l}\n`) });
      process.stderr.write(`migrations: ${r.applied.length} applied, ${r.alreadyApplied.length} already applied\n`);
      return 0;
    }
    case "seed": {
      const r = await withDb((db) => seedCommand(db, env, { adminOnly: values["admin-only"] ?? false }));
      process.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    }
    case "import": {
      const file = positionals[0];
      if (!file) throw new UsageError("import needs a FILE (.csv or .jsonl)");
      const batchSize = values["batch-size"] ? Number(values["batch-size"]) : undefined;
      if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000))
        throw new UsageError("--batch-size must be 1..10000");
      const { exitCode } = await withDb((db) =>
        importCommand(db, {
          file,
          ...(values.merchant ? { merchant: values.merchant } : {}),
          ...(values.format ? { format: values.format } : {}),
          ...(batchSize ? { batchSize } : {}),
          ...(values.errors ? { errorsFile: values.errors } : {}),
          wait: values.wait ?? false,
          quiet: values.quiet ?? false,
        }),
      );
      return exitCode;
    }
    case "export": {
      const format = (values.format ?? "jsonl").toLowerCase();
      if (format !== "jsonl" && format !== "csv") throw new UsageError("--format must be jsonl or csv");
      if (values.published) {
        const since = values.since ? new Date(values.since) : undefined;
        if (since && Number.isNaN(since.getTime())) throw new UsageError("--since must be an ISO date-time");
        const n = await withDb((db) =>
          exportPublishedCommand(db, {
            format,
            ...(values.out ? { out: values.out } : {}),
            ...(values.merchant ? { merchant: values.merchant } : {}),
            ...(since ? { since } : {}),
          }),
        );
        process.stderr.write(`exported ${n} published texts\n`);
        return 0;
      }
      if (values.since) throw new UsageError("--since needs --published");
      await withDb((db) =>
        exportCommand(db, {
          format,
          ...(values.out ? { out: values.out } : {}),
          ...(values.merchant ? { merchant: values.merchant } : {}),
        }),
      );
      return 0;
    }
    case "analyze": {
      if (!values.in) throw new UsageError("analyze needs --in FILE.jsonl");
      return analyzeCommand({ file: values.in });
    }
    case "lint": {
      if (!values.in) throw new UsageError("lint needs --in FILE.jsonl");
      return lintCommand({ file: values.in, ...(values["brand-pack"] ? { brandPackFile: values["brand-pack"] } : {}) });
    }
    case "match": {
      if (!values.in) throw new UsageError("match needs --in FILE.jsonl");
      return matchCommand({ file: values.in });
    }
    case "dedupe": {
      if (!values.in) throw new UsageError("dedupe needs --in FILE.jsonl");
      return dedupeCommand({ file: values.in });
    }
    case "vision": {
      if (!values.in) throw new UsageError("vision needs --in FILE.jsonl");
      return visionCommand({ file: values.in });
    }
    case "simulate": {
      const int = (name: "impressions" | "seed" | "products", min: number, max: number) => {
        const raw = values[name];
        if (raw === undefined) return undefined;
        const n = Number(raw);
        if (!Number.isInteger(n) || n < min || n > max)
          throw new UsageError(`--${name} must be an integer ${min}..${max}`);
        return n;
      };
      const impressions = int("impressions", 100, 50_000_000);
      const seed = int("seed", 0, 2 ** 31);
      const products = int("products", 1, 10_000);
      return simulateCommand({
        ...(impressions !== undefined ? { impressions } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(products !== undefined ? { products } : {}),
        ...(values.chart ? { chart: values.chart } : {}),
        json: values.json ?? false,
      });
    }
    case "generate": {
      if (!values.in) throw new UsageError("generate needs --in FILE.jsonl");
      return generateCommand({
        file: values.in,
        ...(values["brand-pack"] ? { brandPackFile: values["brand-pack"] } : {}),
      });
    }
    case "reembed": {
      const batchSize = values["batch-size"] ? Number(values["batch-size"]) : undefined;
      if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000))
        throw new UsageError("--batch-size must be 1..10000");
      const result = await withDb((db) =>
        reembedCommand(db, {
          ...(batchSize ? { batchSize } : {}),
          wait: values.wait ?? false,
          quiet: values.quiet ?? false,
        }),
      );
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    case "audit:verify": {
      const r = await withDb((db) => verifyAuditChain(db.pool));
      process.stdout.write(`${JSON.stringify(r)}\n`);
      if (r.firstBrokenId !== null) process.stderr.write(`audit log broken at event ${r.firstBrokenId}: ${r.reason}\n`);
      return r.firstBrokenId === null ? 0 : 1;
    }
    case "merchant:create": {
      const { slug, name } = values;
      if (!slug || !name) throw new UsageError("merchant:create needs --slug and --name");
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug))
        throw new UsageError("--slug: lower-case letters, digits and -, at most 63");
      const id = await withDb((db) => ensureMerchant(db.pool, { slug, name }));
      process.stdout.write(`${JSON.stringify({ id, slug, name })}\n`);
      return 0;
    }
    case "user:create": {
      const { email, password, role } = values;
      if (!email || !password || !role) throw new UsageError("user:create needs --email, --password and --role");
      if (!isRole(role)) throw new UsageError(`--role must be one of ADMIN, MODERATOR, MERCHANDISER, ANALYST, SERVICE`);
      if (password.length < 8) throw new UsageError("--password must be at least 8 characters");
      if (isMerchantBound(role) && !values.merchant) throw new UsageError(`a ${role} user needs --merchant`);
      const r = await withDb(async (db) =>
        createUser(db.pool, {
          email,
          password,
          role,
          name: values.name ?? email.split("@")[0]!,
          merchantId: await merchantIdOf(db, values.merchant),
        }),
      );
      process.stdout.write(`${JSON.stringify({ id: r.id, email: email.toLowerCase(), role, created: r.created })}\n`);
      return 0;
    }
    case "apikey:create": {
      const { name, role } = values;
      if (!name || !role) throw new UsageError("apikey:create needs --name and --role");
      if (!isRole(role)) throw new UsageError(`--role must be one of ADMIN, MODERATOR, MERCHANDISER, ANALYST, SERVICE`);
      if (isMerchantBound(role) && !values.merchant) throw new UsageError(`a ${role} key needs --merchant`);
      const r = await withDb(async (db) =>
        createApiKey(db.pool, { name, role, merchantId: await merchantIdOf(db, values.merchant) }),
      );
      process.stdout.write(`${JSON.stringify({ id: r.id, name, role, key: r.key })}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(`truecopy: ${(e as Error).message}\n${usage ? "run `truecopy help` for usage\n" : ""}`);
    process.exit(usage ? 2 : 3);
  },
);
