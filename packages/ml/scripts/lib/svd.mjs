// Truncated SVD of a sparse matrix by randomized range finding with power iterations (Halko,
// Martinsson & Tropp 2011), in plain JS typed arrays. Dense blocks are row-major Float64Array.
import { gaussian, mulberry32 } from "./random.mjs";

/** CSR sparse matrix: rows, cols, rowPtr (rows+1), colIdx, values. */
export function csrFromTriplets(rows, cols, triplets) {
  triplets.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(triplets.length);
  const values = new Float64Array(triplets.length);
  triplets.forEach(([r, c, v], i) => {
    rowPtr[r + 1]++;
    colIdx[i] = c;
    values[i] = v;
  });
  for (let r = 0; r < rows; r++) rowPtr[r + 1] += rowPtr[r];
  return { rows, cols, rowPtr, colIdx, values };
}

// Y (rows × l) = A (rows × cols) · X (cols × l)
function mul(A, X, l) {
  const Y = new Float64Array(A.rows * l);
  for (let r = 0; r < A.rows; r++) {
    const yo = r * l;
    for (let p = A.rowPtr[r]; p < A.rowPtr[r + 1]; p++) {
      const v = A.values[p];
      const xo = A.colIdx[p] * l;
      for (let j = 0; j < l; j++) Y[yo + j] += v * X[xo + j];
    }
  }
  return Y;
}

// Z (cols × l) = Aᵀ · Y (rows × l)
function mulT(A, Y, l) {
  const Z = new Float64Array(A.cols * l);
  for (let r = 0; r < A.rows; r++) {
    const yo = r * l;
    for (let p = A.rowPtr[r]; p < A.rowPtr[r + 1]; p++) {
      const v = A.values[p];
      const zo = A.colIdx[p] * l;
      for (let j = 0; j < l; j++) Z[zo + j] += v * Y[yo + j];
    }
  }
  return Z;
}

// Gram matrix G = Yᵀ Y (l × l) of a row-major n × l block.
function gram(Y, n, l) {
  const G = new Float64Array(l * l);
  for (let r = 0; r < n; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const yi = Y[o + i];
      if (yi === 0) continue;
      const go = i * l;
      for (let j = i; j < l; j++) G[go + j] += yi * Y[o + j];
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) G[i * l + j] = G[j * l + i];
  return G;
}

/** Symmetric eigendecomposition by cyclic Jacobi: returns { values, vectors (columns, row-major) } sorted descending. */
export function symmetricEigen(Ain, n) {
  const A = Float64Array.from(Ain);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += A[i * n + j] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p];
          const vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(n).keys()].sort((a, b) => A[b * n + b] - A[a * n + a]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = A[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = V[k * n + src];
  });
  return { values, vectors };
}

// Y · M for row-major Y (n × l) and M (l × m).
function mulDense(Y, n, l, M, m) {
  const out = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    const yo = r * l;
    const oo = r * m;
    for (let i = 0; i < l; i++) {
      const y = Y[yo + i];
      if (y === 0) continue;
      const mo = i * m;
      for (let j = 0; j < m; j++) out[oo + j] += y * M[mo + j];
    }
  }
  return out;
}

// Orthonormal basis of the columns of Y via the eigendecomposition of its Gram matrix (drops
// directions with negligible energy, so the result can have fewer than l columns).
function orthonormalize(Y, n, l) {
  const { values, vectors } = symmetricEigen(gram(Y, n, l), l);
  const keep = [];
  for (let i = 0; i < l; i++) if (values[i] > values[0] * 1e-12) keep.push(i);
  const W = new Float64Array(l * keep.length);
  keep.forEach((src, dst) => {
    const inv = 1 / Math.sqrt(values[src]);
    for (let k = 0; k < l; k++) W[k * keep.length + dst] = vectors[k * l + src] * inv;
  });
  return { Q: mulDense(Y, n, l, W, keep.length), m: keep.length };
}

/**
 * Top-k left singular vectors and values of sparse A (rows × cols).
 * Returns { U: Float64Array rows × k (row-major), sigma: Float64Array k }.
 */
export function randomizedSvd(A, k, { oversample = 16, powerIterations = 3, seed = 1, log = () => {} } = {}) {
  const rand = mulberry32(seed);
  const l = k + oversample;
  const omega = new Float64Array(A.cols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(rand);
  let { Q, m } = orthonormalize(mul(A, omega, l), A.rows, l);
  for (let it = 0; it < powerIterations; it++) {
    log(`power iteration ${it + 1}/${powerIterations}`);
    const Z = orthonormalize(mulT(A, Q, m), A.cols, m);
    ({ Q, m } = orthonormalize(mul(A, Z.Q, Z.m), A.rows, Z.m));
  }
  // B = Qᵀ A (m × cols); its left singular vectors come from the eigenvectors of B Bᵀ = Cᵀ C with C = Aᵀ Q.
  const C = mulT(A, Q, m);
  const { values, vectors } = symmetricEigen(gram(C, A.cols, m), m);
  const kk = Math.min(k, m);
  const Vk = new Float64Array(m * kk);
  for (let i = 0; i < m; i++) for (let j = 0; j < kk; j++) Vk[i * kk + j] = vectors[i * m + j];
  const U = mulDense(Q, A.rows, m, Vk, kk);
  const sigma = Float64Array.from(values.slice(0, kk), (v) => Math.sqrt(Math.max(v, 0)));
  return { U, sigma, k: kk };
}
