-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "searchVector" tsvector;


-- Keyword half of semantic search (the vector half is the HNSW index on "Embedding").
CREATE INDEX "Product_searchVector_idx" ON "Product" USING gin ("searchVector");
