// Child process that serves PGlite (Postgres in WebAssembly, with pgvector) on a local TCP port.
// It runs apart from the apps so that an app crash cannot leave the data directory half-written,
// and it always closes PGlite (a checkpoint) before exiting.
//
// Usage: node scripts/lib/pglite-server.mjs [--data-dir DIR] [--port N] [--host H] [--max-connections N]
// Without --data-dir the database lives in memory. Protocol with the parent: one JSON line per event
// on stdout: {"event":"ready","port":N,"pid":P} or {"event":"in-use","port":N,"pid":P} (another live
// server owns DIR) or {"event":"error","message":"..."}.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { installSessionQueue } from "./pglite-session-queue.mjs";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string" },
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "max-connections": { type: "string", default: "200" },
  },
});

const dataDir = values["data-dir"] ? path.resolve(values["data-dir"]) : undefined;
const lockPath = dataDir ? `${dataDir}.lock.json` : undefined;

function emit(event) {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function readLock() {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8"));
  } catch {
    return undefined;
  }
}

// Two PGlite instances on one directory both open it happily and then corrupt it: a lock file
// with the owner's pid keeps a second server out.
function acquireLock() {
  if (!lockPath) return true;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid }), { flag: "wx" });
      return true;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const owner = readLock();
      if (owner && typeof owner.pid === "number" && owner.pid !== process.pid && isAlive(owner.pid)) {
        emit({ event: "in-use", pid: owner.pid, port: owner.port ?? null });
        return false;
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

function releaseLock() {
  if (!lockPath) return;
  const owner = readLock();
  if (owner?.pid === process.pid) fs.rmSync(lockPath, { force: true });
}

let db;
let server;
let stopping;

async function shutdown(code) {
  stopping ??= (async () => {
    try {
      await server?.stop();
    } catch (error) {
      process.stderr.write(`pglite-server: stopping the socket server failed: ${error.message}\n`);
    }
    try {
      if (db && !db.closed) await db.close();
    } catch (error) {
      process.stderr.write(`pglite-server: closing PGlite failed: ${error.message}\n`);
      code = code || 1;
    }
    releaseLock();
    process.exit(code);
  })();
  return stopping;
}

// The parent decides when the database goes down (after the apps): a terminal's Ctrl-C reaches the
// whole process group, so SIGINT only counts when nobody supervises us.
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => {
  if (!process.connected) void shutdown(0);
});
process.on("SIGHUP", () => void shutdown(0));
// The IPC channel closes when the parent dies, even by SIGKILL: never outlive it.
process.on("disconnect", () => void shutdown(0));

try {
  if (!acquireLock()) process.exit(3);
  const { PGlite } = await import("@electric-sql/pglite");
  const { vector } = await import("@electric-sql/pglite-pgvector");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { vector },
    // An in-memory database is throwaway (tests): skip the fsyncs.
    relaxedDurability: !dataDir,
  });
  server = new PGLiteSocketServer({
    db,
    host: values.host,
    port: Number(values.port),
    maxConnections: Number(values["max-connections"]),
  });
  installSessionQueue(server);
  server.addEventListener("error", (event) => {
    process.stderr.write(`pglite-server: ${event.detail?.message ?? event.detail}\n`);
  });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  if (lockPath) fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, port, host: values.host }));
  emit({ event: "ready", port, pid: process.pid });
} catch (error) {
  emit({ event: "error", message: error?.stack ?? String(error) });
  await shutdown(1);
}
