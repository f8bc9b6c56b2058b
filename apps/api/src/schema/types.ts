import "reflect-metadata";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { ROLES, type TRole } from "@truecopy/core";

// Every field names its GraphQL type explicitly: test runners that strip types emit no decorator metadata.

export const Role = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in TRole]: K };
registerEnumType(Role, { name: "Role" });

export enum JobStatus {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
  PAUSED = "PAUSED",
}
registerEnumType(JobStatus, {
  name: "JobStatus",
  description: "PAUSED: held by its owner (generation runs); its jobs wait until it is resumed or cancelled",
});

export enum ImportFormat {
  CSV = "CSV",
  JSONL = "JSONL",
}
registerEnumType(ImportFormat, { name: "ImportFormat" });

@ObjectType()
export class User {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => Role) role!: TRole;
  @Field(() => ID, { nullable: true }) merchantId!: string | null;
}

@ObjectType()
export class LoginResult {
  @Field(() => User) user!: User;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType()
export class Merchant {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
}

@ObjectType()
export class ProductReview {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) author!: string | null;
  @Field(() => Int, { nullable: true }) rating!: number | null;
  @Field(() => String) text!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: "A fact of the copy next to the structured attributes: the grounding evidence" })
export class CopyFact {
  @Field(() => String, { description: "agree | contradict | only_in_text | only_in_attributes" }) status!: string;
  @Field(() => String, { description: "Stable key, e.g. battery_capacity, colour, material" }) key!: string;
  @Field(() => String, { nullable: true, description: "title or description" }) field?: string;
  @Field(() => String, { nullable: true, description: "As written in the copy" }) value?: string;
  @Field(() => Int, { nullable: true, description: "UTF-16 offset into the field" }) start?: number;
  @Field(() => Int, { nullable: true }) end?: number;
  @Field(() => String, { nullable: true }) attributeName?: string;
  @Field(() => GraphQLJSON, { nullable: true }) attributeValue?: unknown;
}

@ObjectType()
export class ReviewSentimentSummary {
  @Field(() => Int) total!: number;
  @Field(() => Int) positive!: number;
  @Field(() => Int) negative!: number;
  @Field(() => Int) neutral!: number;
}

@ObjectType({ description: "A short clause of a review about an aspect" })
export class AspectQuote {
  @Field(() => String) text!: string;
  @Field(() => ID) reviewId!: string;
  @Field(() => String, { description: "positive or negative" }) polarity!: string;
}

@ObjectType({ description: "What the reviews say about one aspect of the product (续航, 屏幕, fit, shipping …)" })
export class AspectSummary {
  @Field(() => String, { description: "Stable aspect id: battery, screen, shipping, quality, price, fit …" })
  aspect!: string;
  @Field(() => String, { description: "The aspect's name in the product's language" }) label!: string;
  @Field(() => Int, { description: "Reviews that mention the aspect (once per review)" }) mentions!: number;
  @Field(() => Int) positive!: number;
  @Field(() => Int) negative!: number;
  @Field(() => Int) neutral!: number;
  @Field(() => Float, { description: "positive / mentions, in [0, 1]" }) share!: number;
  @Field(() => String, { description: 'e.g. "续航：82% 好评（37 条提及）" or "battery: 82% positive of 37 mentions"' })
  summary!: string;
  @Field(() => [AspectQuote], { description: "Up to 3 clauses, surest first, both polarities when there are both" })
  quotes!: AspectQuote[];
}

@ObjectType()
export class ProductAnalysis {
  @Field(() => String, { description: "Detected language: zh, en, mixed or other" }) language!: string;
  @Field(() => Int) sourceVersion!: number;
  @Field(() => String, { nullable: true }) embeddingModel!: string | null;
  @Field(() => [String]) keyphrases!: string[];
  @Field(() => [CopyFact]) facts!: CopyFact[];
  @Field(() => ReviewSentimentSummary, { nullable: true }) reviewSentiment!: ReviewSentimentSummary | null;
  @Field(() => [AspectSummary], { description: "Review aspects, most mentioned first; empty without reviews" })
  aspects!: AspectSummary[];
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class Product {
  @Field(() => ID) id!: string;
  merchantId!: string;
  @Field(() => String) sku!: string;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => String, { nullable: true }) locale!: string | null;
  @Field(() => Float, { nullable: true }) price!: number | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => GraphQLJSON) attributes!: unknown;
  @Field(() => Int) sourceVersion!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType()
export class SimilarProduct {
  @Field(() => Product) product!: Product;
  @Field(() => Float, { description: "Cosine similarity in [-1, 1]" }) score!: number;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class ProductEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Product) node!: Product;
}

@ObjectType()
export class ProductConnection {
  @Field(() => [ProductEdge]) edges!: ProductEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class ProductFilter {
  @Field(() => ID, { nullable: true }) merchantId?: string;
  @Field(() => String, { nullable: true, description: "Case-insensitive match on sku, title and description" })
  search?: string;
  @Field(() => String, { nullable: true }) category?: string;
  @Field(() => String, { nullable: true, description: "Detected language (zh, en, mixed, other)" }) language?: string;
  @Field(() => Boolean, { nullable: true }) analyzed?: boolean;
}

@ObjectType()
export class JobRun {
  @Field(() => ID) id!: string;
  @Field(() => String) queue!: string;
  @Field(() => String) name!: string;
  @Field(() => JobStatus) status!: JobStatus;
  @Field(() => Int) total!: number;
  @Field(() => Int) processed!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Float, { description: "(processed + failed) / total; 1 for a finished empty run" }) progress!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType()
export class JobRunEdge {
  @Field(() => String) cursor!: string;
  @Field(() => JobRun) node!: JobRun;
}

@ObjectType()
export class JobRunConnection {
  @Field(() => [JobRunEdge]) edges!: JobRunEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class JobRunFilter {
  @Field(() => [JobStatus], { nullable: true }) status?: JobStatus[];
  @Field(() => String, { nullable: true }) queue?: string;
}

@InputType()
export class ReviewInput {
  @Field(() => String, { nullable: true }) id?: string;
  @Field(() => String, { nullable: true }) author?: string;
  @Field(() => Int, { nullable: true }) rating?: number;
  @Field(() => String) text!: string;
}

@InputType()
export class ProductInput {
  @Field(() => String) sku!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => String, { nullable: true }) category?: string;
  @Field(() => String, { nullable: true }) locale?: string;
  @Field(() => Float, { nullable: true }) price?: number;
  @Field(() => String, { nullable: true }) currency?: string;
  @Field(() => GraphQLJSON, { nullable: true }) attributes?: unknown;
  @Field(() => [String], { nullable: true }) images?: string[];
  @Field(() => [ReviewInput], { nullable: true }) reviews?: ReviewInput[];
}

@ObjectType()
export class ImportRowError {
  @Field(() => Int) row!: number;
  @Field(() => String, { nullable: true }) sku!: string | null;
  @Field(() => String) field!: string;
  @Field(() => String) message!: string;
}

@ObjectType()
export class ImportResult {
  @Field(() => Int) received!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) invalid!: number;
  @Field(() => [ImportRowError]) errors!: ImportRowError[];
  jobRunId!: string | null;
}

@ObjectType()
export class ApiKeyCreated {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Role) role!: TRole;
  @Field(() => String, { description: "The secret key; shown once, store it now" }) key!: string;
}

@ObjectType()
export class SearchEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Product) node!: Product;
  @Field(() => Float, { description: "Reciprocal-rank-fusion score (higher is better)" }) score!: number;
  @Field(() => Int, { nullable: true, description: "Rank among the nearest embeddings; null when not among them" })
  vectorRank!: number | null;
  @Field(() => Int, { nullable: true, description: "Rank among the keyword matches; null when no term matched" })
  keywordRank!: number | null;
}

@ObjectType()
export class SearchConnection {
  @Field(() => [SearchEdge]) edges!: SearchEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
