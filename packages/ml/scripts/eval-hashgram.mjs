#!/usr/bin/env node
// Evaluates the shipped hashgram model through the production embedder (onnxruntime-node) on the
// held-out parts of the shared data (split described in lib/corpus.mjs):
//
//   pnpm --filter @truecopy/ml build     # builds @truecopy/core too via turbo, or build core first
//   node packages/ml/scripts/eval-hashgram.mjs [model-name] [--json]
//
// TRUECOPY_DATA_DIR overrides the data folder.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { formatEvaluation, runEvaluation } from "./lib/eval-tasks.mjs";

// Resolve the package through its own exports map (the built entry point).
const require = createRequire(import.meta.url);
let ml;
try {
  ml = await import(pathToFileURL(require.resolve("@truecopy/ml")).href);
} catch (error) {
  console.error(
    `@truecopy/ml is not built (${error.message}); run: pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build`,
  );
  process.exit(1);
}

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--")) ?? "hashgram-v1";
const embedder = ml.createTextEmbedder(name);
const started = performance.now();
const result = await runEvaluation((texts) => embedder.embed(texts));
const seconds = (performance.now() - started) / 1000;
await ml.releaseEmbeddingSessions();
if (args.includes("--json")) console.log(JSON.stringify({ model: embedder.model, ...result }, null, 2));
else
  console.log(
    `${embedder.model.name}@${embedder.model.version} (dim ${embedder.model.dim}), ${seconds.toFixed(1)} s\n${formatEvaluation(result)}`,
  );
