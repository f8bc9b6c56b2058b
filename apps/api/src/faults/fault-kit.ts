// Services of a fault test's own, so killing them disturbs nothing else on the machine.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pingable = (port: number) =>
  spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG";

export type TRedisProcess = { url: string; start(): Promise<void>; kill(): Promise<void>; stop(): Promise<void> };

/** A redis-server without persistence on `port`: a kill loses every key, as a real crash of such a server does. */
export async function startRedis(port: number): Promise<TRedisProcess> {
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    await until(`redis on ${port}`, () => Promise.resolve(pingable(port)), 10_000);
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill("SIGKILL");
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, kill, stop: kill };
}

export type TPostgresProcess = {
  url(db: string): string;
  port: number;
  /** Stops the server as a crash would (immediate mode) and keeps its data. */
  halt(): void;
  resume(): void;
  restart(): void;
  stop(): void;
};

const PG_BIN = "/usr/lib/postgresql/15/bin";
// initdb and postgres refuse to run as root: run them as the cluster's owner.
const asPostgres = (cmd: string, args: string[]) =>
  process.getuid?.() === 0 ? (["runuser", ["-u", "postgres", "--", cmd, ...args]] as const) : ([cmd, args] as const);

/** A throw-away PostgreSQL cluster (the machine's binaries, pgvector included) on `port`. */
export function startPostgres(port: number): TPostgresProcess {
  const dir = mkdtempSync(path.join(tmpdir(), "truecopy-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const run = (cmd: string, args: string[]) => {
    const [c, a] = asPostgres(cmd, args);
    const r = spawnSync(c, [...a], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run(`${PG_BIN}/initdb`, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const ctl = (action: string, extra: string[] = []) =>
    run(`${PG_BIN}/pg_ctl`, [
      "-D",
      data,
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "-l",
      path.join(dir, "log"),
      action,
      ...extra,
    ]);
  ctl("start");
  return {
    port,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    // Immediate mode: no checkpoint, open transactions are cut off, as in a crash.
    restart: () => ctl("restart", ["-m", "immediate"]),
    halt: () => ctl("stop", ["-m", "immediate"]),
    resume: () => ctl("start"),
    stop: () => {
      try {
        ctl("stop", ["-m", "immediate"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
