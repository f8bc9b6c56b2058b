import "reflect-metadata";
import { buildSchema } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import type { GraphQLSchema } from "graphql";
import { authChecker } from "../auth/auth-checker.js";
import { AuthResolver } from "./auth.resolver.js";
import { ImportResolver } from "./import.resolver.js";
import { JobRunResolver } from "./job-run.resolver.js";
import { MerchantResolver, ProductResolver } from "./product.resolver.js";
import { QueueResolver } from "./queue.resolver.js";
import { LintResolver, ProductVariantsResolver, VariantLintResolver } from "./lint.resolver.js";
import { FindingResolver } from "./finding.resolver.js";
import { RulePackResolver } from "./rule-pack.resolver.js";
import { DecisionResolver, ReviewClaimResolver, ReviewResolver, VariantReviewResolver } from "./review.resolver.js";
import { AuditResolver } from "./audit.resolver.js";
import { WebhookResolver } from "./webhook.resolver.js";
import { InsightsResolver } from "./insights.resolver.js";
import { GenerationResolver, VariantGenerationResolver } from "./generation.resolver.js";
import { DuplicateClusterResolver, ProductDuplicatesResolver } from "./duplicate.resolver.js";
import { ProductQualityResolver } from "./quality.resolver.js";
import { ExperimentResolver } from "./experiment.resolver.js";
import { SegmentResolver } from "./segment.resolver.js";
import { ProductImageResolver, ProductImagesResolver } from "./image.resolver.js";

export const RESOLVERS = [
  AuthResolver,
  ProductResolver,
  MerchantResolver,
  JobRunResolver,
  ImportResolver,
  QueueResolver,
  LintResolver,
  VariantLintResolver,
  ProductVariantsResolver,
  FindingResolver,
  RulePackResolver,
  ReviewResolver,
  VariantReviewResolver,
  DecisionResolver,
  ReviewClaimResolver,
  AuditResolver,
  WebhookResolver,
  InsightsResolver,
  GenerationResolver,
  VariantGenerationResolver,
  ExperimentResolver,
  SegmentResolver,
  DuplicateClusterResolver,
  ProductDuplicatesResolver,
  ProductQualityResolver,
  ProductImageResolver,
  ProductImagesResolver,
] as const;

let cached: Promise<GraphQLSchema> | undefined;

/** Built once per process; `emitSchemaFile` is done by `pnpm --filter @truecopy/api emit-schema`. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    authMode: "error",
    validate: false,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
  });
  return cached;
}
