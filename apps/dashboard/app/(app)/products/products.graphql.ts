import { gql } from "../../../lib/graphql-client";
import type { TImportFormat, TImportResult, TJobRun, TMerchant, TPageInfo } from "../../../lib/graphql-types";

export const JOB_RUN_FIELDS = `
  id queue name status total processed failed progress error
  createdAt updatedAt startedAt finishedAt
`;

const PRODUCT_ROW_FIELDS = `
  id sku title category price currency reviewCount updatedAt
  merchant { id name }
  analysis { language }
`;

export type TProductRow = {
  id: string;
  sku: string;
  title: string;
  category: string | null;
  price: number | null;
  currency: string | null;
  reviewCount: number;
  updatedAt: string;
  merchant: { id: string; name: string };
  analysis: { language: string } | null;
};

export type TProductPage = {
  edges: { cursor: string; node: TProductRow }[];
  pageInfo: TPageInfo;
  totalCount: number;
};

export const ProductsQuery = gql<
  { products: TProductPage },
  { filter: { search?: string }; first: number; after: string | null }
>(`
  query Products($filter: ProductFilter, $first: Int, $after: String) {
    products(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node { ${PRODUCT_ROW_FIELDS} }
      }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

// The search box searches by meaning and by words (embedding kNN + keywords, fused by rank); a
// sku typed in comes first. Results are ranked, so there is no total count.
export const SemanticSearchQuery = gql<
  { semanticSearch: { edges: { cursor: string; node: TProductRow }[]; pageInfo: TPageInfo } },
  { query: string; first: number; after: string | null }
>(`
  query SemanticSearch($query: String!, $first: Int, $after: String) {
    semanticSearch(query: $query, first: $first, after: $after) {
      edges {
        cursor
        node { ${PRODUCT_ROW_FIELDS} }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const JobRunsQuery = gql<{ jobRuns: { edges: { node: TJobRun }[]; totalCount: number } }, { first: number }>(`
  query JobRuns($first: Int) {
    jobRuns(first: $first) {
      edges { node { ${JOB_RUN_FIELDS} } }
      totalCount
    }
  }
`);

export const JobRunQuery = gql<{ jobRun: TJobRun | null }, { id: string }>(`
  query JobRun($id: ID!) {
    jobRun(id: $id) { ${JOB_RUN_FIELDS} }
  }
`);

export const MerchantsQuery = gql<{ merchants: TMerchant[] }>(`
  query Merchants {
    merchants { id slug name productCount }
  }
`);

export const ImportProductsFileMutation = gql<
  { importProductsFile: TImportResult },
  { merchantId: string | null; format: TImportFormat; content: string }
>(`
  mutation ImportProductsFile($merchantId: ID, $format: ImportFormat!, $content: String!) {
    importProductsFile(merchantId: $merchantId, format: $format, content: $content) {
      received created updated unchanged invalid
      errors { row sku field message }
      jobRun { ${JOB_RUN_FIELDS} }
    }
  }
`);
