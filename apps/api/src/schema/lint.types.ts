import "reflect-metadata";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { JobRun, PageInfo } from "./types.js";
import { LintVerdict } from "./variant.types.js";

// Every field names its GraphQL type explicitly: test runners that strip types emit no decorator metadata.

export enum FindingCategory {
  ABSOLUTE = "ABSOLUTE",
  MEDICAL = "MEDICAL",
  GUARANTEE = "GUARANTEE",
  AUTHORITY = "AUTHORITY",
  UNSUPPORTED = "UNSUPPORTED",
  URGENCY = "URGENCY",
  QUALITY = "QUALITY",
  IMAGE = "IMAGE",
}
registerEnumType(FindingCategory, { name: "FindingCategory" });

export enum Severity {
  INFO = "INFO",
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
  CRITICAL = "CRITICAL",
}
registerEnumType(Severity, { name: "Severity", description: "HIGH and CRITICAL block; LOW and MEDIUM ask for review" });

export enum GroundingStatus {
  SUPPORTED = "SUPPORTED",
  CONTRADICTED = "CONTRADICTED",
  UNSUPPORTED = "UNSUPPORTED",
}
registerEnumType(GroundingStatus, { name: "GroundingStatus" });

export enum FindingFeedbackKind {
  FALSE_POSITIVE = "FALSE_POSITIVE",
  CONFIRMED = "CONFIRMED",
}
registerEnumType(FindingFeedbackKind, { name: "FindingFeedbackKind" });

export enum FindingCountBy {
  RULE = "RULE",
  CATEGORY = "CATEGORY",
  MERCHANT = "MERCHANT",
  SEVERITY = "SEVERITY",
}
registerEnumType(FindingCountBy, { name: "FindingCountBy" });

@ObjectType({ description: "Where a finding's or claim's support (or contradiction) comes from" })
export class Evidence {
  @Field(() => String, { description: "attribute | review | image" }) source!: string;
  @Field(() => String, { nullable: true, description: "Attribute name" }) name?: string | null;
  @Field(() => String, { nullable: true, description: "Attribute value" }) value?: string | null;
  @Field(() => String, { nullable: true }) reviewId?: string | null;
  @Field(() => String, { nullable: true, description: "Review text quoted" }) quote?: string | null;
  @Field(() => String, { nullable: true }) imageId?: string | null;
  @Field(() => String, { nullable: true }) detail?: string | null;
}

@ObjectType({ description: "A finding of an ad-hoc lint (not stored)" })
export class LintFinding {
  @Field(() => String, { description: "Rule id, stable across pack versions" }) rule!: string;
  @Field(() => String) pack!: string;
  @Field(() => String) packVersion!: string;
  @Field(() => FindingCategory) category!: FindingCategory;
  @Field(() => Severity) severity!: Severity;
  @Field(() => Int, { description: "UTF-16 offset into the text" }) start!: number;
  @Field(() => Int, { description: "UTF-16 offset, exclusive" }) end!: number;
  @Field(() => String) match!: string;
  @Field(() => String, { description: "What is wrong and why, in the copy's language" }) message!: string;
  @Field(() => String, { nullable: true }) legalBasis!: string | null;
  @Field(() => String, { nullable: true, description: 'Replacement for the span ("" deletes it)' })
  suggestion!: string | null;
  @Field(() => Boolean, { description: "The suggestion is safe to apply mechanically" }) autofix!: boolean;
  @Field(() => [Evidence]) evidence!: Evidence[];
}

@ObjectType({ description: "A factual claim in the copy checked against the product data" })
export class Claim {
  @Field(() => String) kind!: string;
  @Field(() => String) text!: string;
  @Field(() => Int) start!: number;
  @Field(() => Int) end!: number;
  @Field(() => GroundingStatus) status!: GroundingStatus;
  @Field(() => [Evidence]) evidence!: Evidence[];
}

@ObjectType()
export class LintResult {
  @Field(() => LintVerdict) verdict!: LintVerdict;
  @Field(() => String, { description: "The rule packs' language used: zh or en" }) locale!: string;
  @Field(() => [LintFinding]) findings!: LintFinding[];
  @Field(() => [Claim]) claims!: Claim[];
  @Field(() => [String], { description: "id@version of every pack applied" }) packs!: string[];
  @Field(() => Int, { nullable: true, description: "The merchant brand pack version applied, if any" })
  brandPackVersion!: number | null;
}

@ObjectType({ description: "A stored finding on a variant's text (replaced when the variant is linted again)" })
export class Finding {
  @Field(() => ID) id!: string;
  @Field(() => ID) variantId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ID) merchantId!: string;
  @Field(() => String) rule!: string;
  @Field(() => String, { description: "pack@version that produced it" }) rulePackVersion!: string;
  @Field(() => FindingCategory) category!: FindingCategory;
  @Field(() => Severity) severity!: Severity;
  @Field(() => Int) start!: number;
  @Field(() => Int) end!: number;
  @Field(() => String) match!: string;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true }) legalBasis!: string | null;
  @Field(() => String, { nullable: true }) suggestion!: string | null;
  @Field(() => Boolean) autofix!: boolean;
  @Field(() => [Evidence]) evidence!: Evidence[];
  @Field(() => Date, { description: "When the finding was first seen on this text" }) createdAt!: Date;
}

@ObjectType()
export class FindingEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Finding) node!: Finding;
}

@ObjectType()
export class FindingConnection {
  @Field(() => [FindingEdge]) edges!: FindingEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class FindingFilter {
  @Field(() => ID, { nullable: true }) merchantId?: string;
  @Field(() => FindingCategory, { nullable: true }) category?: FindingCategory;
  @Field(() => Severity, { nullable: true }) severity?: Severity;
  @Field(() => String, { nullable: true }) ruleId?: string;
  @Field(() => LintVerdict, { nullable: true, description: "The variant's current verdict" }) verdict?: LintVerdict;
  @Field(() => ID, { nullable: true }) productId?: string;
  @Field(() => ID, { nullable: true }) variantId?: string;
  @Field(() => Date, { nullable: true, description: "Findings first seen at or after this time" }) since?: Date;
}

@ObjectType()
export class FindingCount {
  @Field(() => String, { description: "Rule id, category, severity or merchant id" }) key!: string;
  @Field(() => String, { nullable: true, description: "Merchant slug when counting by merchant" })
  label!: string | null;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class FindingFeedback {
  @Field(() => ID) id!: string;
  @Field(() => ID) findingId!: string;
  @Field(() => String) rule!: string;
  @Field(() => ID, { description: "The user or API key that gave it" }) actorId!: string;
  @Field(() => FindingFeedbackKind) kind!: FindingFeedbackKind;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class RulePrecision {
  @Field(() => String) rule!: string;
  @Field(() => Int, { description: "Findings of the rule stored now" }) findings!: number;
  @Field(() => Int) confirmed!: number;
  @Field(() => Int) falsePositives!: number;
  @Field(() => Float, {
    nullable: true,
    description: "confirmed / (confirmed + falsePositives); null without feedback",
  })
  precision!: number | null;
}

@ObjectType({ description: "A built-in rule pack" })
export class RulePackInfo {
  @Field(() => String) id!: string;
  @Field(() => String) version!: string;
  @Field(() => String) locale!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Int) ruleCount!: number;
  @Field(() => [FindingCategory]) categories!: FindingCategory[];
}

@ObjectType({ description: "One version of a merchant's brand pack; the highest version is live" })
export class BrandPack {
  @Field(() => ID) merchantId!: string;
  @Field(() => Int) version!: number;
  @Field(() => GraphQLJSON, { description: "forbidden terms, required disclaimers, length limits per field" })
  definition!: unknown;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => ID, { nullable: true }) createdById!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class SaveBrandPackResult {
  @Field(() => BrandPack) brandPack!: BrandPack;
  @Field(() => JobRun, { nullable: true, description: "Re-lint of the merchant's live variants; null if none" })
  relint!: JobRun | null;
  @Field(() => Int) relintVariants!: number;
}
