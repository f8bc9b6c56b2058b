import { gql } from "../../../../lib/graphql-client";

export type TProductDetail = {
  id: string;
  sku: string;
  title: string;
  description: string;
  category: string | null;
  locale: string | null;
  price: number | null;
  currency: string | null;
  attributes: unknown;
  images: string[];
  reviewCount: number;
  createdAt: string;
  updatedAt: string;
  merchant: { id: string; name: string; slug: string };
  analysis: { language: string; sourceVersion: number; embeddingModel: string | null; createdAt: string } | null;
  reviews: { id: string; author: string | null; rating: number | null; text: string; createdAt: string }[];
  similar: {
    score: number;
    product: { id: string; sku: string; title: string; category: string | null; merchant: { name: string } };
  }[];
};

export const ProductQuery = gql<{ product: TProductDetail | null }, { id: string }>(`
  query Product($id: ID!) {
    product(id: $id) {
      id sku title description category locale price currency attributes images reviewCount
      createdAt updatedAt
      merchant { id name slug }
      analysis { language sourceVersion embeddingModel createdAt }
      reviews(first: 20) { id author rating text createdAt }
      similar(k: 8) {
        score
        product { id sku title category merchant { name } }
      }
    }
  }
`);
