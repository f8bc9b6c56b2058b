// Gets a fresh clone (or a stale tree) ready to run: pnpm, dependencies, build.
// Plain Node with no dependencies, because it runs before anything is installed.
// On a warm tree it costs a few stat calls: it only installs when the lockfile changed and only
// builds when an output is missing or a source file is newer than the last successful build;
// turbo's cache then rebuilds only what changed.
//
// Usage: node scripts/lib/bootstrap.mjs [--quiet]   (or import { bootstrap } from here)
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");

export const PNPM_VERSION = "10.34.9";
const PNPM_MAJOR = PNPM_VERSION.split(".")[0];
const MIN_NODE = [20, 19];
const localToolsDir = path.join(repoRoot, ".data", "tools");
const stampDir = path.join(repoRoot, "node_modules", ".cache", "truecopy");
const IGNORED_DIRS = new Set([
  "node_modules",
  "dist",
  ".next",
  ".turbo",
  "generated",
  "coverage",
  "test-results",
  ".data",
]);

export class BootstrapError extends Error {
  constructor(step, message) {
    super(message);
    this.step = step;
  }
}

/** Environment for installs and builds: nothing may try to download binaries or phone home. */
export function toolEnv(base = process.env) {
  return {
    ...base,
    ONNXRUNTIME_NODE_INSTALL: base.ONNXRUNTIME_NODE_INSTALL ?? "skip",
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: base.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ?? "1",
    CHECKPOINT_DISABLE: base.CHECKPOINT_DISABLE ?? "1",
    // Prisma's generator only needs this to point at an existing file; the engine is never run.
    PRISMA_SCHEMA_ENGINE_BINARY: base.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: base.PRISMA_HIDE_UPDATE_MESSAGE ?? "1",
    NEXT_TELEMETRY_DISABLED: base.NEXT_TELEMETRY_DISABLED ?? "1",
    TURBO_TELEMETRY_DISABLED: base.TURBO_TELEMETRY_DISABLED ?? "1",
    DO_NOT_TRACK: base.DO_NOT_TRACK ?? "1",
  };
}

function checkNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    throw new BootstrapError(
      "node",
      `Node ${MIN_NODE.join(".")} or newer is required (this is ${process.versions.node})`,
    );
  }
}

function versionOf(command, args = []) {
  const result = spawnSync(command, [...args, "--version"], { encoding: "utf8", env: toolEnv(), timeout: 60_000 });
  if (result.status !== 0) return undefined;
  return result.stdout.trim().split(/\s+/).pop();
}

const hasMajor = (version) => version?.split(".")[0] === PNPM_MAJOR;

/**
 * Finds or installs pnpm 10: on PATH → global npm install → npm install into .data/tools → npx.
 * corepack is not used: its signature check fails against the registry keys here.
 */
function ensurePnpm(log) {
  if (hasMajor(versionOf("pnpm"))) return { command: "pnpm", args: [] };
  const localBin = path.join(localToolsDir, "node_modules", ".bin", "pnpm");
  if (hasMajor(versionOf(localBin))) return { command: localBin, args: [] };

  log(`installing pnpm ${PNPM_VERSION} with npm`);
  const npmOptions = { stdio: ["ignore", 2, 2], env: toolEnv(), timeout: 300_000 };
  const global = spawnSync("npm", ["install", "--global", `pnpm@${PNPM_VERSION}`], npmOptions);
  if (global.status === 0 && hasMajor(versionOf("pnpm"))) return { command: "pnpm", args: [] };

  log(`global install not possible; installing pnpm into ${path.relative(repoRoot, localToolsDir)}`);
  fs.mkdirSync(localToolsDir, { recursive: true });
  const local = spawnSync(
    "npm",
    ["install", "--prefix", localToolsDir, "--no-audit", "--no-fund", `pnpm@${PNPM_VERSION}`],
    npmOptions,
  );
  if (local.status === 0 && hasMajor(versionOf(localBin))) return { command: localBin, args: [] };

  const viaNpx = { command: "npx", args: ["--yes", `pnpm@${PNPM_VERSION}`] };
  if (hasMajor(versionOf(viaNpx.command, viaNpx.args))) return viaNpx;
  throw new BootstrapError("pnpm", `could not get pnpm ${PNPM_VERSION} (tried PATH, npm -g, npm --prefix, npx)`);
}

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function needsInstall() {
  const marker = mtimeOf(path.join(repoRoot, "node_modules", ".modules.yaml"));
  if (marker === undefined) return "node_modules is missing";
  const lock = mtimeOf(path.join(repoRoot, "pnpm-lock.yaml"));
  if (lock !== undefined && lock > marker) return "pnpm-lock.yaml changed since the last install";
  return undefined;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/**
 * Workspace packages that have a build script, with the outputs that prove a build happened and
 * their workspace dependencies.
 */
function buildablePackages() {
  const packages = [];
  for (const group of ["apps", "packages"]) {
    const groupDir = path.join(repoRoot, group);
    if (!fs.existsSync(groupDir)) continue;
    for (const entry of fs.readdirSync(groupDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(groupDir, entry.name);
      const manifestPath = path.join(dir, "package.json");
      if (!fs.existsSync(manifestPath)) continue;
      const manifest = readJson(manifestPath);
      const scripts = manifest.scripts ?? {};
      if (!scripts.build) continue;
      const outputs = [
        scripts.build.includes("next build") ? path.join(dir, ".next", "BUILD_ID") : path.join(dir, "dist"),
      ];
      if (scripts["db:generate"]) outputs.push(path.join(dir, "src", "generated"));
      const allDeps = { ...manifest.dependencies, ...manifest.devDependencies };
      const workspaceDeps = Object.keys(allDeps).filter((name) => String(allDeps[name]).startsWith("workspace:"));
      packages.push({ name: manifest.name, dir, outputs, workspaceDeps });
    }
  }
  return packages;
}

/** `target` and every workspace package it depends on, transitively. */
function withDependencies(packages, target) {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const wanted = new Set();
  const stack = [target];
  while (stack.length > 0) {
    const name = stack.pop();
    if (wanted.has(name) || !byName.has(name)) continue;
    wanted.add(name);
    stack.push(...byName.get(name).workspaceDeps);
  }
  return packages.filter((p) => wanted.has(p.name));
}

function newestMtime(dir, limit) {
  let newest = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (IGNORED_DIRS.has(entry.name) || entry.name.endsWith(".tsbuildinfo")) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        stack.push(full);
      } else if (entry.isFile()) {
        const mtime = mtimeOf(full) ?? 0;
        if (mtime > newest) newest = mtime;
        // Early exit: one newer file is enough to know we must build.
        if (newest > limit) return newest;
      }
    }
  }
  return newest;
}

function needsBuild(packages, stampPath) {
  for (const { outputs } of packages) {
    for (const output of outputs) {
      const exists = fs.existsSync(output) && (!fs.statSync(output).isDirectory() || fs.readdirSync(output).length > 0);
      if (!exists) return `${path.relative(repoRoot, output)} is missing`;
    }
  }
  const stamp = mtimeOf(stampPath);
  if (stamp === undefined) return "no successful build recorded";
  const rootInputs = ["package.json", "pnpm-lock.yaml", "turbo.json", "tsconfig.base.json"].map((f) =>
    path.join(repoRoot, f),
  );
  for (const file of rootInputs) if ((mtimeOf(file) ?? 0) > stamp) return `${path.basename(file)} changed`;
  for (const dir of [path.join(repoRoot, "prisma"), ...packages.map((p) => p.dir)]) {
    if (newestMtime(dir, stamp) > stamp) return `sources in ${path.relative(repoRoot, dir)} changed`;
  }
  return undefined;
}

/** Runs a command; in quiet mode its output is kept and shown only when it fails. */
function run(step, command, args, { quiet, env, log }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : ["ignore", process.stderr, process.stderr],
    });
    const captured = [];
    let size = 0;
    const keep = (chunk) => {
      captured.push(chunk);
      size += chunk.length;
      while (size > 200_000 && captured.length > 1) size -= captured.shift().length;
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.once("error", (error) => reject(new BootstrapError(step, `${command}: ${error.message}`)));
    child.once("exit", (code, signal) => {
      if (code === 0) return resolve();
      if (quiet && captured.length > 0) {
        const tail = Buffer.concat(captured).toString("utf8").split("\n").slice(-80).join("\n");
        log(tail);
      }
      reject(new BootstrapError(step, `\`${[command, ...args].join(" ")}\` failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/**
 * Ensures pnpm, dependencies and a current build. `quiet` keeps stdout untouched (progress goes
 * to stderr) for commands whose stdout is data. `only` (a package name) builds just that package
 * and its workspace dependencies, e.g. the CLI without rebuilding a dashboard that `npm start` is
 * serving. Returns how to invoke pnpm and the tool env.
 */
export async function bootstrap({
  quiet = false,
  skipBuild = false,
  only,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  const say = (line) => log(`bootstrap: ${line}`);
  checkNode();
  const env = toolEnv();
  const pnpm = ensurePnpm(say);

  const installReason = needsInstall();
  if (installReason) {
    say(`${installReason}: pnpm install --frozen-lockfile`);
    await run("install", pnpm.command, [...pnpm.args, "install", "--frozen-lockfile"], { quiet, env, log });
  }

  if (!skipBuild) {
    const all = buildablePackages();
    const packages = only ? withDependencies(all, only) : all;
    const stampPath = path.join(stampDir, only ? `build-stamp-${only.replace(/[^a-z0-9]+/gi, "-")}` : "build-stamp");
    const buildReason = needsBuild(packages, stampPath);
    if (buildReason) {
      const turboArgs = ["turbo", "run", "build", ...(only ? [`--filter=${only}...`] : [])];
      say(`${buildReason}: pnpm ${turboArgs.join(" ")}`);
      const started = Date.now();
      if (quiet) turboArgs.push("--output-logs=errors-only");
      await run("build", pnpm.command, [...pnpm.args, ...turboArgs], { quiet, env, log });
      // The stamp takes the time the build started: files edited during the build count as newer.
      // A full build also covers every partial one.
      fs.mkdirSync(stampDir, { recursive: true });
      const stamps = only
        ? [stampPath]
        : fs
            .readdirSync(stampDir)
            .filter((f) => f.startsWith("build-stamp"))
            .map((f) => path.join(stampDir, f))
            .concat(stampPath);
      for (const file of new Set(stamps)) {
        fs.writeFileSync(file, `${new Date(started).toISOString()}\n`);
        fs.utimesSync(file, new Date(started), new Date(started));
      }
      say(`build finished in ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
  return { pnpm, env };
}

/** For entry scripts: bootstrap, or print the failing step and exit non-zero. */
export async function bootstrapOrExit(options) {
  try {
    return await bootstrap(options);
  } catch (error) {
    if (error instanceof BootstrapError) {
      process.stderr.write(`bootstrap failed at step "${error.step}": ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bootstrapOrExit({ quiet: process.argv.includes("--quiet") });
}
