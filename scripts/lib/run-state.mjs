// `.data/run.json`: what a running `npm start` serves (URLs, child pids). The CLI wrapper reads it to
// reuse the embedded database instead of opening the same data directory twice, and the next
// `npm start` uses it to clean up children left behind by a supervisor that was killed.
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./services.mjs";

export const dataDir = path.join(repoRoot, ".data");
export const runStatePath = path.join(dataDir, "run.json");

export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

export function readRunState() {
  try {
    return JSON.parse(fs.readFileSync(runStatePath, "utf8"));
  } catch {
    return undefined;
  }
}

/** The state of an `npm start` that is still running, or undefined. */
export function liveRunState() {
  const state = readRunState();
  return state && isAlive(state.pid) ? state : undefined;
}

export function writeRunState(state) {
  fs.mkdirSync(dataDir, { recursive: true });
  const temp = `${runStatePath}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temp, runStatePath);
}

/** Removes the state file if it is ours. */
export function clearRunState(pid = process.pid) {
  const state = readRunState();
  if (state?.pid === pid) fs.rmSync(runStatePath, { force: true });
}

function commandLineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/**
 * Stops children recorded by a supervisor that is gone (killed without a chance to clean up).
 * A pid is only signalled while its command line still matches what was recorded, so a reused
 * pid of some unrelated process is left alone.
 */
export async function cleanUpLeftovers({ log = () => {} } = {}) {
  const state = readRunState();
  if (!state || isAlive(state.pid)) return;
  for (const child of state.children ?? []) {
    if (!isAlive(child.pid) || !commandLineOf(child.pid).includes(child.match)) continue;
    log(`stopping ${child.name} (pid ${child.pid}) left behind by an earlier run`);
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {
      continue;
    }
    for (let waited = 0; waited < 10_000 && isAlive(child.pid); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isAlive(child.pid)) process.kill(child.pid, "SIGKILL");
  }
  fs.rmSync(runStatePath, { force: true });
}
