-- Hand-written (nothing Prisma can express).

-- The contrastively trained text embedding hashgram-v2 (256 dimensions) gets its own partial HNSW
-- index, like hashgram-v1: kNN queries cast to vector(256) and filter on the model name.
CREATE INDEX "Embedding_hnsw_hashgram_v2" ON "Embedding"
  USING hnsw (("vector"::vector(256)) vector_cosine_ops)
  WHERE "model" = 'hashgram-v2';
