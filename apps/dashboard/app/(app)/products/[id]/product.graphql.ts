import { gql } from "../../../../lib/graphql-client";

export type TCopyFact = {
  status: "agree" | "contradict" | "only_in_text" | "only_in_attributes";
  key: string;
  field: string | null;
  value: string | null;
  attributeName: string | null;
  attributeValue: unknown;
};

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
  analysis: {
    language: string;
    sourceVersion: number;
    embeddingModel: string | null;
    createdAt: string;
    keyphrases: string[];
    facts: TCopyFact[];
    reviewSentiment: { total: number; positive: number; negative: number; neutral: number } | null;
  } | null;
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
      analysis {
        language sourceVersion embeddingModel createdAt keyphrases
        facts { status key field value attributeName attributeValue }
        reviewSentiment { total positive negative neutral }
      }
      reviews(first: 20) { id author rating text createdAt }
      similar(k: 8) {
        score
        product { id sku title category merchant { name } }
      }
    }
  }
`);
