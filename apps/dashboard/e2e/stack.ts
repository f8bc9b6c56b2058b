import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { e2eEnv } from "./env.js";
import { deleteRedisKeys } from "./redis-cleanup.js";

// Starts the whole system from its built outputs (API, worker, dashboard) on free ports against the
// test database and Redis given in the environment, with its own admin user and merchant.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const dashboardDir = path.join(repoRoot, "apps/dashboard");

const BUILT = {
  api: path.join(repoRoot, "apps/api/dist/main.js"),
  worker: path.join(repoRoot, "apps/worker/dist/main.js"),
  cli: path.join(repoRoot, "apps/cli/dist/main.js"),
  dashboard: path.join(dashboardDir, ".next/BUILD_ID"),
  next: path.join(dashboardDir, "node_modules/.bin/next"),
} as const;

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

const DISPLAY_NAMES: Record<TStackRole, string> = {
  admin: "Ada Admin",
  moderator: "Mo Chen",
  analyst: "Ana Li",
  merchandiser: "Max Wang",
};

export type TCredentials = { email: string; password: string; name: string };
export type TStackRole = "admin" | "moderator" | "analyst" | "merchandiser";

export type TStack = {
  apiUrl: string;
  dashboardUrl: string;
  runId: string;
  admin: TCredentials;
  /** One user per role the journeys need; the merchandiser belongs to `merchant`. */
  users: Record<TStackRole, TCredentials>;
  merchant: { id: string; slug: string; name: string };
  /** Where each process writes its output (api.log, worker.log, dashboard.log). */
  logDir: string;
  stop: () => Promise<void>;
};

type TService = { name: string; child: ChildProcess; logFile: string; exited: Promise<number | null> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

function startService(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
}): TService {
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const fd = openSync(logFile, "a");
  // Own process group, so stopping it also stops anything it spawned.
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name: options.name, child, logFile, exited };
}

async function stopService(service: TService): Promise<void> {
  const pid = service.child.pid;
  if (pid === undefined || service.child.exitCode !== null || service.child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref());
  if ((await Promise.race([service.exited, timer])) === "timeout") {
    signalGroup("SIGKILL");
    await service.exited;
  }
}

async function waitForHttp(options: { url: string; service: TService; what: string }): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (options.service.child.exitCode !== null) {
      throw new Error(
        `${options.what} exited with code ${options.service.child.exitCode}:\n${tail(options.service.logFile)}`,
      );
    }
    try {
      const response = await fetch(options.url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${options.what} not ready at ${options.url} after ${READY_TIMEOUT_MS} ms (${last}):\n${tail(options.service.logFile)}`,
  );
}

async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT.cli, ...args], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`truecopy ${args[0] ?? ""} exited with ${code}:\n${output}`));
    });
  });
}

// No API operation creates merchants yet (they come from seeding/provisioning), so the fixture
// writes one row directly.
async function createMerchant(
  databaseUrl: string,
  slug: string,
  name: string,
): Promise<{ id: string; slug: string; name: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string }>(
      `INSERT INTO "Merchant" ("id", "slug", "name", "updatedAt") VALUES (gen_random_uuid(), $1, $2, now()) RETURNING "id"`,
      [slug, name],
    );
    const id = result.rows[0]?.id;
    if (id === undefined) throw new Error("merchant insert returned no id");
    return { id, slug, name };
  } finally {
    await client.end();
  }
}

export async function startStack(): Promise<TStack> {
  const missing = Object.entries(BUILT).filter(([, file]) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `the browser test runs the built system; missing ${missing.map(([, file]) => path.relative(repoRoot, file)).join(", ")} (run the build first)`,
    );
  }
  const env = e2eEnv();
  const { databaseUrl, redisUrl } = env;

  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  // Queues of this run only, so a worker of another run (or of `npm start`) never takes its jobs.
  const queuePrefix = `${env.queuePrefixBase}-dash${runId}`;
  const logDir = mkdtempSync(path.join(os.tmpdir(), "truecopy-dashboard-e2e-"));
  const [apiPort, dashboardPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;

  const baseEnv: NodeJS.ProcessEnv = {
    ...env.inherited,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    TRUECOPY_QUEUE_PREFIX: queuePrefix,
    NODE_ENV: "test",
    LOG_LEVEL: env.logLevel,
    // Uploaded images, shared by the API that stores them and the worker that checks them.
    IMAGE_STORE_DIR: path.join(logDir, "images"),
  };

  const services: TService[] = [];
  const stop = async (): Promise<void> => {
    // Dashboard first (it talks to the API), then the API, then the worker so it can finish its jobs.
    for (const service of [...services].reverse()) await stopService(service);
    await deleteRedisKeys(redisUrl, `${queuePrefix}:*`).catch((error: unknown) => {
      console.warn(`could not remove the test queues ${queuePrefix}:*: ${String(error)}`);
    });
  };

  try {
    const merchant = await createMerchant(databaseUrl, `e2e-dash-${runId}`, `E2E 测试商户 ${runId}`);
    const credentials = (role: TStackRole): TCredentials => ({
      email: `dash-e2e-${role}-${runId}@test.local`,
      name: DISPLAY_NAMES[role],
      password: `pw-${randomBytes(12).toString("hex")}`,
    });
    const users: Record<TStackRole, TCredentials> = {
      admin: credentials("admin"),
      moderator: credentials("moderator"),
      analyst: credentials("analyst"),
      merchandiser: credentials("merchandiser"),
    };
    const admin = users.admin;
    await Promise.all(
      (Object.entries(users) as [TStackRole, TCredentials][]).map(([role, user]) =>
        runCli(
          [
            "user:create",
            "--email",
            user.email,
            "--password",
            user.password,
            "--role",
            role.toUpperCase(),
            "--name",
            user.name,
            ...(role === "merchandiser" ? ["--merchant", merchant.slug] : []),
          ],
          baseEnv,
        ),
      ),
    );

    services.push(
      startService({
        name: "worker",
        command: process.execPath,
        args: [BUILT.worker],
        cwd: repoRoot,
        env: { ...baseEnv, WORKER_HEALTH_PORT: "0" },
        logDir,
      }),
    );
    const api = startService({
      name: "api",
      command: process.execPath,
      args: [BUILT.api],
      cwd: repoRoot,
      env: { ...baseEnv, API_PORT: String(apiPort), API_HOST: "127.0.0.1" },
      logDir,
    });
    services.push(api);
    const dashboard = startService({
      name: "dashboard",
      command: BUILT.next,
      args: ["start", "-p", String(dashboardPort), "-H", "127.0.0.1"],
      cwd: dashboardDir,
      env: { ...baseEnv, NODE_ENV: "production", API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: "1" },
      logDir,
    });
    services.push(dashboard);

    await waitForHttp({ url: `${apiUrl}/readyz`, service: api, what: "the API" });
    await waitForHttp({ url: `${dashboardUrl}/login`, service: dashboard, what: "the dashboard" });
    const worker = services[0];
    if (worker !== undefined && worker.child.exitCode !== null) {
      throw new Error(`the worker exited with code ${worker.child.exitCode}:\n${tail(worker.logFile)}`);
    }

    return { apiUrl, dashboardUrl, runId, admin, users, merchant, logDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
