// The onnx-proto building blocks every model writer here uses (opset 13, weights as rawData).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const { onnx } = require("onnx-proto");

export const T = onnx.TensorProto.DataType;

const u8 = (typed) => new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
export const tensor = (name, dataType, dims, typed) =>
  onnx.TensorProto.create({ name, dataType, dims, rawData: u8(typed) });
export const node = (opType, input, output, attribute = []) =>
  onnx.NodeProto.create({ opType, input, output, name: output[0], attribute });
export const intAttr = (name, i) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
export const valueInfo = (name, elemType, dims) =>
  onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });

/** Wraps a graph as an opset-13 model with `metadata` as metadata_props, and encodes it. */
export function encodeModel(graph, metadata) {
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "truecopy",
    producerVersion: metadata.version ?? "0",
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value: String(value) })),
  });
  return onnx.ModelProto.encode(model).finish();
}
