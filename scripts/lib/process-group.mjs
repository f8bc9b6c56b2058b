// Supervises the child processes of `npm start` / `npm test`: prefixed log lines, exit tracking and
// an orderly stop (SIGTERM, then SIGKILL after a grace period).
import { spawn } from "node:child_process";
import readline from "node:readline";

const COLORS = [36, 35, 33, 32, 34, 31];

function colorize(text, index, stream) {
  if (!stream.isTTY || process.env.NO_COLOR) return text;
  return `\u001b[${COLORS[index % COLORS.length]}m${text}\u001b[0m`;
}

/** Writes every line of `readable` to `target` with a `[name]` prefix. */
export function pipeWithPrefix(readable, target, prefix) {
  if (!readable) return;
  const lines = readline.createInterface({ input: readable, crlfDelay: Infinity });
  lines.on("line", (line) => target.write(`${prefix} ${line}\n`));
}

/**
 * Spawns a process in its own process group, so that a terminal's Ctrl-C reaches only the
 * supervisor, which then stops the children in the order it chooses.
 */
export function spawnManaged({
  name,
  command,
  args = [],
  cwd,
  env,
  logTarget = process.stdout,
  index = 0,
  ipc = false,
}) {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe", ...(ipc ? ["ipc"] : [])],
  });
  const prefix = colorize(`[${name}]`.padEnd(12), index, logTarget);
  pipeWithPrefix(child.stdout, logTarget, prefix);
  pipeWithPrefix(child.stderr, logTarget, prefix);
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });
  return { name, child, exited };
}

/** Sends SIGTERM to the child's process group and waits; SIGKILL after `graceMs`. */
export async function stopProcess(managed, { graceMs = 10_000, onKill } = {}) {
  const { child, exited } = managed;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return exited;
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    onKill?.();
    signalGroup(child.pid, "SIGKILL");
  }, graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * A set of children stopped in reverse start order. `onUnexpectedExit` fires once when a child ends
 * while the group is not stopping.
 */
export class ProcessGroup {
  #members = [];
  #stopping = false;
  #onUnexpectedExit;

  constructor({ onUnexpectedExit } = {}) {
    this.#onUnexpectedExit = onUnexpectedExit;
  }

  get stopping() {
    return this.#stopping;
  }

  /** Adds a member: `{ name, stop(): Promise, exited?: Promise<{code, signal}> }`. */
  add(member) {
    this.#members.push(member);
    member.exited?.then((result) => {
      if (!this.#stopping) this.#onUnexpectedExit?.(member.name, result);
    });
    return member;
  }

  spawn(options) {
    const managed = spawnManaged({ ...options, index: this.#members.length });
    const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    return this.add({
      ...managed,
      stop: (graceMs) =>
        stopProcess(managed, {
          graceMs,
          onKill: () =>
            log(`${options.name} did not stop within ${Math.round((graceMs ?? 10_000) / 1000)} s: killing it`),
        }),
    });
  }

  /** Stops members in the given order of names first, then the rest newest first. */
  async stopAll({ order = [], log = () => {} } = {}) {
    this.#stopping = true;
    const pending = [...this.#members];
    const ordered = [
      ...order.map((name) => pending.find((member) => member.name === name)).filter(Boolean),
      ...pending.filter((member) => !order.includes(member.name)).reverse(),
    ];
    for (const member of ordered) {
      log(`stopping ${member.name}`);
      try {
        await member.stop();
      } catch (error) {
        log(`stopping ${member.name} failed: ${error.message}`);
      }
    }
    this.#members = [];
  }
}
