// `node scripts/bench.mjs <name> [args]` (e.g. `npm run bench:ingest`): builds what is missing, then
// runs every bench/<name>/*.bench.mjs in turn with the given arguments. The benchmarks themselves
// decide which services they need and print their own results.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { bootstrapOrExit, repoRoot } from "./lib/bootstrap.mjs";

const benchRoot = path.join(repoRoot, "bench");
const [name, ...args] = process.argv.slice(2);

function available() {
  if (!fs.existsSync(benchRoot)) return [];
  return fs
    .readdirSync(benchRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "node_modules")
    .filter((entry) => fs.readdirSync(path.join(benchRoot, entry.name)).some((file) => file.endsWith(".bench.mjs")))
    .map((entry) => entry.name);
}

if (!name || name.startsWith("-")) {
  process.stderr.write(
    `usage: node scripts/bench.mjs <name> [args]\nbenchmarks: ${available().join(", ") || "(none)"}\n`,
  );
  process.exit(2);
}
const dir = path.join(benchRoot, name);
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((file) => file.endsWith(".bench.mjs"))
      .sort()
  : [];
if (files.length === 0) {
  process.stderr.write(`no bench/${name}/*.bench.mjs; benchmarks: ${available().join(", ") || "(none)"}\n`);
  process.exit(2);
}

await bootstrapOrExit({});
let failed = 0;
for (const file of files) {
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dir, file), ...args], { cwd: repoRoot, stdio: "inherit" });
    child.once("error", () => resolve(1));
    child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0) {
    process.stderr.write(`bench/${name}/${file} failed (exit ${code})\n`);
    failed += 1;
  }
}
process.exit(failed > 0 ? 1 : 0);
