// Writes and reads the hashgram ONNX graph (opset 13) with onnx-proto:
//   ids int64 [batch, n] → Gather(int8 table) → Cast → × Gather(row scales) → ReduceSum over n = bag
//   for each head h: LpNormalization(bag·P_h + ε_h) × w_h        (heads use disjoint dimensions)
//   → Add over heads → LpNormalization(L2) → embedding float [batch, dim]
// The last table row (id = buckets) is all zeros and is the padding id, so padding and repeats
// need no mask; the sum equals the mean up to scale, which L2 normalisation removes. Normalising
// each head before weighting makes the cosine of two embeddings Σ w_h² · cos_h: a fixed blend of
// the heads' similarities whatever the text length. The tiny constant ε makes an all-padding row
// (empty text) come out as a fixed unit vector instead of 0/0.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { FEATURE_SCHEME_VERSION } from "@truecopy/core";
import { encodeModel, intAttr, node, onnx, T, tensor, valueInfo } from "./onnx-builders.mjs";

/** Symmetric per-row int8 quantisation of a (rows × dim) float table. */
export function quantizeRows(table, rows, dim) {
  const q = new Int8Array(rows * dim);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(table[r * dim + j]));
    if (max === 0) continue;
    const scale = max / 127;
    scales[r] = scale;
    for (let j = 0; j < dim; j++) q[r * dim + j] = Math.round(table[r * dim + j] / scale);
  }
  return { q, scales };
}

/**
 * Encodes the model. `table` is (buckets+1) × dim float32 with a zero last row; each head has a
 * dim × dim `projection` (row-major, applied as x·P), an `epsilon` dim vector and a `weight`.
 */
export function encodeHashgramModel({ table, buckets, dim, heads, metadata }) {
  const rows = buckets + 1;
  const { q, scales } = quantizeRows(table, rows, dim);
  const graph = onnx.GraphProto.create({
    name: metadata.name ?? "hashgram",
    input: [valueInfo("ids", T.INT64, ["batch", "n"])],
    output: [valueInfo("embedding", T.FLOAT, ["batch", dim])],
    initializer: [
      tensor("table_q", T.INT8, [rows, dim], q),
      tensor("table_scale", T.FLOAT, [rows, 1], scales),
      tensor("sum_axes", T.INT64, [1], new BigInt64Array([1n])),
      ...heads.flatMap((h, i) => [
        tensor(`projection_${i}`, T.FLOAT, [dim, dim], h.projection),
        tensor(`epsilon_${i}`, T.FLOAT, [dim], h.epsilon),
        tensor(`weight_${i}`, T.FLOAT, [], new Float32Array([h.weight])),
      ]),
    ],
    node: [
      node("Gather", ["table_q", "ids"], ["rows_q"], [intAttr("axis", 0)]),
      node("Cast", ["rows_q"], ["rows_f"], [intAttr("to", T.FLOAT)]),
      node("Gather", ["table_scale", "ids"], ["row_scales"], [intAttr("axis", 0)]),
      node("Mul", ["rows_f", "row_scales"], ["rows"]),
      node("ReduceSum", ["rows", "sum_axes"], ["bag"], [intAttr("keepdims", 0)]),
      ...heads.flatMap((_, i) => [
        node("MatMul", ["bag", `projection_${i}`], [`projected_${i}`]),
        node("Add", [`projected_${i}`, `epsilon_${i}`], [`shifted_${i}`]),
        node("LpNormalization", [`shifted_${i}`], [`unit_${i}`], [intAttr("axis", 1), intAttr("p", 2)]),
        node("Mul", [`unit_${i}`, `weight_${i}`], [`head_${i}`]),
      ]),
      ...heads
        .slice(1)
        .map((_, i) => node("Add", [i === 0 ? "head_0" : `blend_${i}`, `head_${i + 1}`], [`blend_${i + 1}`])),
      node(
        "LpNormalization",
        [heads.length === 1 ? "head_0" : `blend_${heads.length - 1}`],
        ["embedding"],
        [intAttr("axis", 1), intAttr("p", 2)],
      ),
    ],
  });
  return encodeModel(graph, metadata);
}

/** Reads the dequantised table and the heads back from an encoded model (for JS baselines). */
export function decodeHashgramModel(bytes) {
  const model = onnx.ModelProto.decode(bytes);
  const init = Object.fromEntries(model.graph.initializer.map((t) => [t.name, t]));
  const f32 = (t) => new Float32Array(new Uint8Array(t.rawData).buffer);
  const [rows, dim] = init.table_q.dims.map(Number);
  const q = new Int8Array(new Uint8Array(init.table_q.rawData).buffer);
  const scales = f32(init.table_scale);
  const table = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) table[r * dim + j] = q[r * dim + j] * scales[r];
  const metadata = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
  const heads = [];
  for (let i = 0; init[`projection_${i}`]; i++) {
    heads.push({
      projection: f32(init[`projection_${i}`]),
      epsilon: f32(init[`epsilon_${i}`]),
      weight: f32(init[`weight_${i}`])[0],
    });
  }
  return { table, rows, dim, heads, metadata };
}

/**
 * Encodes a trained model with the metadata every hashgram version records (name, version, shape,
 * feature scheme, seed) followed by `details`, its recipe's own, and writes it to `out`. Returns the
 * bytes, their sha256 and the model decoded back, so that evaluations describe the shipped
 * (quantised) weights rather than the float ones.
 */
export function writeHashgramModel(out, { table, heads, cfg, details }, log) {
  const bytes = encodeHashgramModel({
    table,
    buckets: cfg.buckets,
    dim: cfg.dim,
    heads,
    metadata: {
      name: cfg.name,
      version: cfg.version,
      dim: cfg.dim,
      buckets: cfg.buckets,
      padId: cfg.buckets,
      maxFeatures: cfg.maxFeatures,
      featureScheme: FEATURE_SCHEME_VERSION,
      seed: cfg.seed,
      ...details,
    },
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  log(`wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${sha256}`);
  return { bytes, sha256, decoded: decodeHashgramModel(bytes) };
}
