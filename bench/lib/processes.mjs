// Child processes of a bench (the built API, baselines, load generators): started, awaited and
// always stopped, also on Ctrl-C.
import { spawn } from "node:child_process";
import net from "node:net";
import readline from "node:readline";

const children = new Set();
export const track = (c) => (children.add(c), c.once("exit", () => children.delete(c)), c);
export const killChildren = () => {
  for (const c of children) c.kill("SIGTERM");
};
process.on("SIGINT", () => {
  killChildren();
  process.exit(130);
});

/** Runs a node script to completion; resolves with its stdout, rejects with the end of its stderr. */
export function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const c = track(spawn(process.execPath, [cmd, ...args], { env, stdio: ["ignore", "pipe", "pipe"] }));
    let out = "";
    let err = "";
    c.stdout.on("data", (d) => (out += d));
    c.stderr.on("data", (d) => (err += d));
    c.once("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")}: ${err.slice(-500)}`)),
    );
  });
}

/** Starts a server script that prints `{"port": n}` on a line of stdout; resolves with it. */
export function startServer(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const c = track(spawn(process.execPath, [cmd, ...args], { env, stdio: ["ignore", "pipe", "pipe"] }));
    let err = "";
    c.stderr.on("data", (d) => (err += d));
    const lines = readline.createInterface({ input: c.stdout });
    lines.on("line", (line) => {
      try {
        const j = JSON.parse(line);
        if (j.port) resolve({ child: c, port: j.port });
      } catch {
        // not JSON
      }
    });
    c.once("exit", (code) => reject(new Error(`${cmd} exited ${code}: ${err.slice(-800)}`)));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Starts a built API (`apps/api/dist/main.js` or another build's) in production mode on a free
 * loopback port, with its own queue prefix, and waits until it answers /healthz. `cpuProfileDir`
 * makes it write a V8 CPU profile there when it exits.
 */
export async function startApi({ main, env, queuePrefix, cpuProfileDir }) {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [...(cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : []), main], {
      env: {
        ...env,
        API_PORT: String(port),
        API_HOST: "127.0.0.1",
        LOG_LEVEL: "error",
        NODE_ENV: "production",
        TRUECOPY_QUEUE_PREFIX: queuePrefix,
      },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`);
  return { child, port, url };
}


/** Runs a bench's main; on failure prints why, stops every child and exits 1. */
export function runBench(name, main) {
  main().catch((e) => {
    process.stderr.write(`${name} bench failed: ${e.stack ?? e}\n`);
    killChildren();
    process.exit(1);
  });
}
