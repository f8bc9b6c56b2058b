// Pure helpers of the kNN bench: recall against exact search, and pgvector rows in
// COPY's binary format.
import { randomUUID } from "node:crypto";

/**
 * Recall of `found` against the exact top k `exact` (both `[{ id, dist }]`, nearest first). A
 * returned row counts when it is among the exact rows or no farther than the exact k-th row, so
 * ties at the boundary (equal vectors) are not counted as misses; extra rows cannot lift it above 1.
 */
export function recallAt(found, exact) {
  if (!exact.length) return 1;
  const ids = new Set(exact.map((r) => r.id));
  const last = exact[exact.length - 1].dist;
  const hits = found.filter((r) => ids.has(r.id) || r.dist <= last + 1e-6).length;
  return Math.min(hits, exact.length) / exact.length;
}


// COPY … (FORMAT binary): signature, flags, header extension length; a row count of -1 ends it.
export const COPY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);
const uuidBytes = (id) => Buffer.from(id.replaceAll("-", ""), "hex");

/**
 * One "Embedding" row for `COPY "Embedding" (id, "ownerKind", "ownerId", model, dim, vector) FROM
 * STDIN (FORMAT binary)`: each field as int32 length + bytes, all big-endian; an enum is sent as
 * its label; pgvector's binary vector is int16 dimensions, int16 unused, then float4s.
 */
export function embeddingTuple({ ownerKind, ownerId, model, vector, id = randomUUID() }) {
  const kind = Buffer.from(ownerKind);
  const name = Buffer.from(model);
  const vectorBytes = 4 + 4 * vector.length;
  const size = 2 + (4 + 16) + (4 + kind.length) + (4 + 16) + (4 + name.length) + (4 + 4) + (4 + vectorBytes);
  const b = Buffer.alloc(size);
  let o = b.writeInt16BE(6, 0);
  o = b.writeInt32BE(16, o);
  o += uuidBytes(id).copy(b, o);
  o = b.writeInt32BE(kind.length, o);
  o += kind.copy(b, o);
  o = b.writeInt32BE(16, o);
  o += uuidBytes(ownerId).copy(b, o);
  o = b.writeInt32BE(name.length, o);
  o += name.copy(b, o);
  o = b.writeInt32BE(4, o);
  o = b.writeInt32BE(vector.length, o);
  o = b.writeInt32BE(vectorBytes, o);
  o = b.writeInt16BE(vector.length, o);
  o = b.writeInt16BE(0, o);
  for (let j = 0; j < vector.length; j++) o = b.writeFloatBE(vector[j], o);
  return b;
}
