// Writes the sentiment model as ONNX (opset 13) with onnx-proto:
//   ids int64 [batch, n] → Gather(table) → ReduceSum over n                      = sums [batch, 2]
//   ids → Gather(nonpad: 1 per bucket, 0 for the padding id) → ReduceSum → max(·,1) → √ = norm [batch, 1]
//   sums / norm + bias                                                           = logits [batch, 2]
//   with a stack (sentiment-v2): logits · a + lexicon [batch, k] · W + b, W's column 0 and b[0]
//   zero, so P(positive) = σ(a · (logit1 − logit0) + w · lexicon + c)
//   → Softmax → probabilities float [batch, 2]  (column 0 negative, 1 positive)
// The padding id (= buckets) has a zero table row and does not count, so padded batches give the
// same probabilities as single texts.
import { encodeModel, intAttr, node, onnx, T, tensor, valueInfo } from "./onnx-builders.mjs";

/**
 * Encodes a logistic-regression sentiment model (`hidden` = 0) from lib/sentiment-model.mjs, and
 * its stack over lexicon features when given (`{ a, w: number[k], c }`, lib/sentiment-stack.mjs).
 */
export function encodeSentimentModel(model, metadata, stack = null) {
  if (model.hidden !== 0) throw new Error("only the logistic-regression form (hidden = 0) is exported");
  const rows = model.buckets + 1;
  const nonpad = new Float32Array(rows).fill(1);
  nonpad[model.padId] = 0;
  const graph = onnx.GraphProto.create({
    name: metadata.name ?? "sentiment",
    input: [
      valueInfo("ids", T.INT64, ["batch", "n"]),
      ...(stack ? [valueInfo("lexicon", T.FLOAT, ["batch", stack.w.length])] : []),
    ],
    output: [valueInfo("probabilities", T.FLOAT, ["batch", 2])],
    initializer: [
      tensor("table", T.FLOAT, [rows, 2], model.table),
      tensor("nonpad", T.FLOAT, [rows, 1], nonpad),
      tensor("bias", T.FLOAT, [2], model.b),
      tensor("one", T.FLOAT, [], new Float32Array([1])),
      tensor("sum_axes", T.INT64, [1], new BigInt64Array([1n])),
      ...(stack
        ? [
            tensor("stack_a", T.FLOAT, [], new Float32Array([stack.a])),
            tensor("stack_w", T.FLOAT, [stack.w.length, 2], new Float32Array(stack.w.flatMap((w) => [0, w]))),
            tensor("stack_b", T.FLOAT, [2], new Float32Array([0, stack.c])),
          ]
        : []),
    ],
    node: [
      node("Gather", ["table", "ids"], ["rows"], [intAttr("axis", 0)]),
      node("ReduceSum", ["rows", "sum_axes"], ["sums"], [intAttr("keepdims", 0)]),
      node("Gather", ["nonpad", "ids"], ["flags"], [intAttr("axis", 0)]),
      node("ReduceSum", ["flags", "sum_axes"], ["count"], [intAttr("keepdims", 0)]),
      node("Max", ["count", "one"], ["count1"]),
      node("Sqrt", ["count1"], ["norm"]),
      node("Div", ["sums", "norm"], ["pooled"]),
      node("Add", ["pooled", "bias"], ["logits"]),
      ...(stack
        ? [
            node("Mul", ["logits", "stack_a"], ["scaled"]),
            node("MatMul", ["lexicon", "stack_w"], ["lexical"]),
            node("Add", ["scaled", "lexical"], ["stacked0"]),
            node("Add", ["stacked0", "stack_b"], ["stacked"]),
            node("Softmax", ["stacked"], ["probabilities"], [intAttr("axis", 1)]),
          ]
        : [node("Softmax", ["logits"], ["probabilities"], [intAttr("axis", 1)])]),
    ],
  });
  return encodeModel(graph, metadata);
}
