// Embedded services for `npm start`, `npm test` and the CLI wrapper: PGlite (with pgvector) served on
// a local port from a child process, and a redis-server child process. Plus the small helpers they
// need: free ports, readiness waits with timeouts, clean shutdown.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { pipeWithPrefix, stopProcess } from "./process-group.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");

const defaultLog = (line) => process.stderr.write(`${line}\n`);

/**
 * @typedef {{ code: number | null, signal: string | null, error?: Error }} TExit
 * @typedef {{
 *   name: string,
 *   url: string,
 *   port: number,
 *   pid: number | undefined,
 *   reused: boolean,
 *   urlFor?: (database: string) => string,
 *   exited?: Promise<TExit>,
 *   stop: (graceMs?: number) => Promise<unknown>,
 * }} TEmbeddedService
 */

export class ServiceError extends Error {
  constructor(service, message) {
    super(`${service}: ${message}`);
    this.service = service;
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A port that was free a moment ago: `preferred` when it is free, else one the kernel picks.
 * @param {{ preferred?: number, host?: string }} [options]
 * @returns {Promise<number>}
 */
export async function findFreePort({ preferred = 0, host = "127.0.0.1" } = {}) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.unref();
      server.once("error", () => resolve(undefined));
      server.listen({ port, host, exclusive: true }, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : undefined));
      });
    });
  if (preferred) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  const port = await tryListen(0);
  if (!port) throw new ServiceError("ports", `no free TCP port on ${host}`);
  return port;
}

/**
 * Polls `check` until it returns a truthy value; throws after `timeoutMs`. `abort` (a promise) ends
 * the wait early, e.g. when the process being waited for has exited.
 */
export async function waitFor(check, { what, timeoutMs = 60_000, intervalMs = 200, abort } = {}) {
  const deadline = Date.now() + timeoutMs;
  let aborted;
  abort?.then((reason) => {
    aborted = reason ?? "aborted";
  });
  let lastError;
  while (Date.now() < deadline) {
    if (aborted) throw new ServiceError(what, `gave up waiting: ${aborted}`);
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const detail = lastError ? ` (last error: ${lastError.message})` : "";
  throw new ServiceError(what, `not ready after ${Math.round(timeoutMs / 1000)} s${detail}`);
}

/** Resolves true when a TCP connection to host:port succeeds. */
export function canConnect({ host = "127.0.0.1", port, timeoutMs = 1000 }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Sends a RESP PING (no client library: this runs before dependencies may exist). */
export function pingRedis({ host = "127.0.0.1", port, timeoutMs = 1000 }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = "";
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => socket.write("*1\r\n$4\r\nPING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
    socket.once("error", () => done(false));
  });
}

/** Waits until `url` answers with a status accepted by `accept` (default: below 500). */
export async function waitForHttp(url, { timeoutMs = 120_000, accept = (status) => status < 500, abort } = {}) {
  return waitFor(
    async () => {
      // No keep-alive: an idle pooled socket from us would hold up the server's graceful drain.
      const response = await fetch(url, {
        redirect: "manual",
        headers: { connection: "close" },
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      if (!accept(response.status)) throw new Error(`HTTP ${response.status}`);
      return true;
    },
    { what: url, timeoutMs, intervalMs: 500, abort },
  );
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Database name inside a postgres:// URL, or undefined. */
export function databaseNameOf(url) {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A member for ProcessGroup that owns nothing (a service someone else runs).
 * @param {string} name
 * @param {{ port: number, pid: number, url: string, urlFor: (database: string) => string }} fields
 * @returns {TEmbeddedService}
 */
function borrowed(name, fields) {
  return { name, ...fields, reused: true, stop: async () => {} };
}

/**
 * Starts PGlite + pgvector behind a Postgres wire-protocol socket in a child process.
 * `dataDir` undefined → in memory. PGlite has a single database: any database name in the URL
 * reaches it, so `url` can carry a `_test` name for the test guard.
 * When another live server already owns `dataDir`, that one is reused (`reused: true`).
 * @returns {Promise<TEmbeddedService>}
 */
export async function startEmbeddedPostgres({
  dataDir,
  port = 0,
  host = "127.0.0.1",
  database = "truecopy",
  maxConnections = 200,
  timeoutMs = 120_000,
  log = defaultLog,
} = {}) {
  const name = "postgres";
  const urlFor = (db, p) => `postgres://postgres@${host}:${p}/${db}`;
  const args = [path.join(here, "pglite-server.mjs"), "--host", host, "--port", String(port)];
  args.push("--max-connections", String(maxConnections));
  if (dataDir) args.push("--data-dir", path.resolve(dataDir));

  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // The IPC channel is only there so that the child notices when we die; it must not keep us alive.
  child.unref();
  child.channel?.unref();
  pipeWithPrefix(child.stderr, { write: (text) => log(text.trimEnd()) }, "[postgres]");
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });

  const event = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new ServiceError(name, `not ready after ${timeoutMs / 1000} s`)), timeoutMs);
    const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on("line", (line) => {
      let parsed;
      try {
        parsed = JSON.parse(line);
      } catch {
        log(`[postgres] ${line}`);
        return;
      }
      if (parsed?.event) {
        clearTimeout(timer);
        resolve(parsed);
      }
    });
    exited.then(({ code, signal, error }) => {
      clearTimeout(timer);
      reject(new ServiceError(name, `server process ended early (${error?.message ?? signal ?? `exit ${code}`})`));
    });
  }).catch(async (error) => {
    await stopProcess({ child, exited }, { graceMs: 5000 });
    throw error;
  });

  if (event.event === "error") {
    await stopProcess({ child, exited }, { graceMs: 5000 });
    throw new ServiceError(name, event.message);
  }
  if (event.event === "in-use") {
    const lockPath = `${path.resolve(dataDir)}.lock.json`;
    const owner = await waitFor(
      () => {
        const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
        if (!isAlive(lock.pid)) throw new Error(`owner ${lock.pid} is gone`);
        return lock.port ? lock : undefined;
      },
      { what: `${name} (owned by pid ${event.pid})`, timeoutMs },
    );
    await waitFor(() => canConnect({ host, port: owner.port }), { what: name, timeoutMs: 10_000 });
    log(`postgres: reusing the embedded server of pid ${owner.pid} on port ${owner.port}`);
    return borrowed(name, {
      port: owner.port,
      pid: owner.pid,
      url: urlFor(database, owner.port),
      urlFor: (db) => urlFor(db, owner.port),
    });
  }

  // From here the child stays up until stop(); keep its stdout drained.
  return {
    name,
    port: event.port,
    pid: child.pid,
    url: urlFor(database, event.port),
    urlFor: (db) => urlFor(db, event.port),
    reused: false,
    exited,
    // PGlite's close() checkpoints; a large database can take a while.
    stop: (graceMs = 30_000) => stopProcess({ child, exited }, { graceMs }),
  };
}

function findOnPath(binary) {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]);
  for (const dir of dirs) {
    const candidate = path.join(dir, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** Path of redis-server; installs Debian's package when missing and we are root. */
export function ensureRedisServerBinary({ log = defaultLog } = {}) {
  const found = findOnPath("redis-server");
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = Boolean(findOnPath("apt-get"));
  if (!isRoot || !hasApt) {
    throw new ServiceError(
      "redis",
      "redis-server is not installed. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, " +
        "macOS: `brew install redis`) or point REDIS_URL at a running Redis.",
    );
  }
  log("redis: redis-server is missing; installing Debian's redis-server package");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", "redis-server"],
  ]) {
    const result = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env });
    if (result.status !== 0)
      throw new ServiceError("redis", `apt-get ${args.join(" ")} failed (exit ${result.status})`);
  }
  const installed = findOnPath("redis-server");
  if (!installed) throw new ServiceError("redis", "apt-get installed redis-server but it is not on PATH");
  return installed;
}

/**
 * Starts a redis-server child on a free port. `persist` keeps an append-only file in `dir`
 * (npm start); otherwise nothing is written (tests).
 * @returns {Promise<TEmbeddedService>}
 */
export async function startEmbeddedRedis({
  dir,
  persist = false,
  port,
  host = "127.0.0.1",
  timeoutMs = 30_000,
  log = defaultLog,
} = {}) {
  const name = "redis";
  const binary = ensureRedisServerBinary({ log });
  const workDir = dir
    ? path.resolve(dir)
    : fs.mkdtempSync(path.join((await import("node:os")).tmpdir(), "truecopy-redis-"));
  fs.mkdirSync(workDir, { recursive: true });
  const chosenPort = port ?? (await findFreePort({ host }));
  const args = [
    "--port",
    String(chosenPort),
    "--bind",
    host,
    "--dir",
    workDir,
    "--save",
    "",
    "--appendonly",
    persist ? "yes" : "no",
    "--daemonize",
    "no",
    "--logfile",
    "",
    "--loglevel",
    "warning",
    // BullMQ needs keys that never get evicted.
    "--maxmemory-policy",
    "noeviction",
  ];
  const child = spawn(binary, args, { cwd: workDir, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.unref();
  // redis-server is chatty even at "warning" (banner, overcommit advice): keep its last lines and
  // show them only when it fails.
  const recent = [];
  const sink = {
    write: (text) => {
      recent.push(text.trimEnd());
      if (recent.length > 40) recent.shift();
    },
  };
  pipeWithPrefix(child.stdout, sink, "[redis]");
  pipeWithPrefix(child.stderr, sink, "[redis]");
  let stopping = false;
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });
  exited.then(() => {
    if (!stopping) for (const line of recent) log(line);
  });
  const managed = { child, exited };
  try {
    await waitFor(() => pingRedis({ host, port: chosenPort }), {
      what: name,
      timeoutMs,
      intervalMs: 100,
      abort: exited.then(
        ({ code, signal, error }) => `redis-server ended (${error?.message ?? signal ?? `exit ${code}`})`,
      ),
    });
  } catch (error) {
    await stopProcess(managed, { graceMs: 3000 });
    if (!dir) fs.rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  return {
    name,
    port: chosenPort,
    pid: child.pid,
    url: `redis://${host}:${chosenPort}`,
    reused: false,
    exited,
    stop: async (graceMs = 10_000) => {
      stopping = true;
      const result = await stopProcess(managed, { graceMs });
      if (!dir) fs.rmSync(workDir, { recursive: true, force: true });
      return result;
    },
  };
}
