// Plain-JS embedding bag with the same arithmetic as the ONNX graph (see onnx-model.mjs), used to
// evaluate candidates during training and as the benchmark's baseline.
function normalize(v) {
  let norm = 0;
  for (let j = 0; j < v.length; j++) norm += v[j] * v[j];
  norm = Math.sqrt(norm);
  for (let j = 0; j < v.length; j++) v[j] /= norm;
  return v;
}

export function embedBag(ids, { table, dim, heads }) {
  const bag = new Float64Array(dim);
  for (const id of ids) {
    const o = id * dim;
    for (let j = 0; j < dim; j++) bag[j] += table[o + j];
  }
  const out = new Float32Array(dim);
  for (const { projection, epsilon, weight } of heads) {
    const h = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      const b = bag[i];
      if (b === 0) continue;
      const po = i * dim;
      for (let j = 0; j < dim; j++) h[j] += b * projection[po + j];
    }
    for (let j = 0; j < dim; j++) h[j] += epsilon[j];
    normalize(h);
    for (let j = 0; j < dim; j++) out[j] += weight * h[j];
  }
  return normalize(out);
}
