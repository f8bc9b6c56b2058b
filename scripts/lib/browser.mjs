// Finds the Chromium the browser tests drive, installing Debian's package when we are root.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function aptGet(args) {
  const result = spawnSync("apt-get", args, {
    stdio: ["ignore", 2, 2],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

/**
 * Returns `{ available: true, path }`, or `{ available: false, reason }` saying what to do.
 * Installs `chromium` and `fonts-noto-cjk` (the review UI shows Chinese copy) when missing and root.
 */
export function ensureChromium({ log = (line) => process.stderr.write(`${line}\n`), install = true } = {}) {
  if (fs.existsSync(CHROMIUM_PATH)) return { available: true, path: CHROMIUM_PATH };
  if (!install || !isRoot()) {
    return {
      available: false,
      reason: `${CHROMIUM_PATH} is missing; install it with \`sudo apt-get install chromium fonts-noto-cjk\``,
    };
  }
  log("chromium: installing Debian's chromium and fonts-noto-cjk");
  const ok =
    aptGet(["update", "-qq"]) &&
    aptGet(["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-noto-cjk"]);
  if (ok && fs.existsSync(CHROMIUM_PATH)) return { available: true, path: CHROMIUM_PATH };
  return { available: false, reason: "apt-get could not install chromium" };
}
