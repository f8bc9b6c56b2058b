#!/usr/bin/env node
// Reads a V8 CPU profile (`node --cpu-prof`, e.g. `load.bench.mjs --api-cpu-prof DIR`) and prints the
// frames and the packages with the most self time, so a load run says where the API's CPU goes.
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "30" } },
});
if (positionals.length !== 1) {
  process.stderr.write("usage: node bench/load/top-frames.mjs [--top N] <file.cpuprofile>\n");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(positionals[0], "utf8"));
const top = Number(values.top);

// Sample i lasted timeDeltas[i + 1]; a node's self time is the sum over its samples.
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const packageOf = (url) => {
  if (!url) return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "node:";
  const m = /\/(apps|packages)\/([^/]+)\//.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
};

const keyOf = (node) => {
  const cf = node.callFrame;
  const file = cf.url ? cf.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(apps|packages)\//, "$1/") : "";
  return `${cf.functionName || "(anonymous)"}  ${file}${file ? `:${cf.lineNumber + 1}` : ""}`;
};
const byFrame = new Map();
const byPackage = new Map();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  const cf = node.callFrame;
  const key = keyOf(node);
  byFrame.set(key, (byFrame.get(key) ?? 0) + us);
  const pkg = packageOf(cf.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}

// Inclusive time: a sample counts once for every distinct frame on its stack.
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const key = keyOf(nodeById.get(n));
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}

const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const print = (title, map) => {
  process.stdout.write(`${title}\n`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`${pct(us)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}\n`);
};
process.stdout.write(`${(total / 1e6).toFixed(1)} s sampled\n`);
print("\nself time by package", byPackage);
print("\nself time by frame", byFrame);
print("\ninclusive time by frame", inclusive);
