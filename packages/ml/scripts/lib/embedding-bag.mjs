// Plain-JS embedding bag with the same arithmetic as the ONNX graph (sum of rows → x·P + ε → L2),
// used to evaluate candidates during training and as the benchmark's baseline.
export function embedBag(ids, { table, dim, projection, epsilon }) {
  const bag = new Float64Array(dim);
  for (const id of ids) {
    const o = id * dim;
    for (let j = 0; j < dim; j++) bag[j] += table[o + j];
  }
  const out = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    let s = epsilon[j];
    for (let i = 0; i < dim; i++) s += bag[i] * projection[i * dim + j];
    out[j] = s;
  }
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += out[j] * out[j];
  norm = Math.sqrt(norm);
  for (let j = 0; j < dim; j++) out[j] /= norm;
  return out;
}
