#!/usr/bin/env node
// Evaluates the shipped hashgram model through the production embedder (onnxruntime-node) on the
// held-out parts of the shared data (split described in lib/corpus.mjs):
//
//   pnpm --filter @truecopy/ml build     # builds @truecopy/core too via turbo, or build core first
//   node packages/ml/scripts/eval-hashgram.mjs [model-name] [--json]
//
// TRUECOPY_DATA_DIR overrides the data folder.
import { loadBuiltMl } from "./lib/built-ml.mjs";
import { formatEvaluation, runEvaluation } from "./lib/eval-tasks.mjs";

const ml = await loadBuiltMl();

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
