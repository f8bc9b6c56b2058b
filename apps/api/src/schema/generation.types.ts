import "reflect-metadata";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { LintResult, Severity } from "./lint.types.js";
import { JobRun } from "./types.js";
import { VariantField } from "./variant.types.js";

// Every field names its GraphQL type explicitly: test runners that strip types emit no decorator metadata.

export enum GenerationStyle {
  CONCISE = "concise",
  VIVID = "vivid",
  TECHNICAL = "technical",
}
registerEnumType(GenerationStyle, { name: "GenerationStyle" });

export enum GeneratorKind {
  TEMPLATE = "template",
  LLM = "llm",
}
registerEnumType(GeneratorKind, {
  name: "GeneratorKind",
  description:
    "TEMPLATE: the mined-template generator; LLM: the configured LLM endpoint (the template generator without one)",
});

export enum GateStatus {
  OFFERED = "offered",
  BLOCKED = "blocked",
}
registerEnumType(GateStatus, {
  name: "GateStatus",
  description: "OFFERED: may enter review; BLOCKED: held back by the gate (stored BLOCKED by batches)",
});

@ObjectType({ description: "A span of generated text that states a fact, and where the fact comes from" })
export class GeneratedClaim {
  @Field(() => String) text!: string;
  @Field(() => Int, { description: "UTF-16 offset into the text" }) start!: number;
  @Field(() => Int, { description: "UTF-16 offset, exclusive" }) end!: number;
  @Field(() => String, { description: "attribute:<key>, review:<id> or image:<id>" }) source!: string;
  @Field(() => String, { description: "attribute | review | image" }) sourceKind!: string;
  @Field(() => String, { description: "The attribute key, review id or image id" }) sourceRef!: string;
}

@ObjectType({ description: "Why the gate held a candidate back" })
export class GateReason {
  @Field(() => String, { description: "lint_finding | ungrounded_claim | unsourced_fact | empty" }) code!: string;
  @Field(() => String, { description: "The rule, claim kind or fact kind concerned" }) detail!: string;
  @Field(() => String, { description: "The words concerned" }) text!: string;
  @Field(() => Int, { nullable: true }) start!: number | null;
  @Field(() => Int, { nullable: true }) end!: number | null;
  @Field(() => Severity, { nullable: true }) severity!: Severity | null;
}

@ObjectType({ description: "A candidate text written now and not stored" })
export class GenerationPreview {
  @Field(() => String) text!: string;
  @Field(() => String, { description: "zh or en" }) locale!: string;
  @Field(() => VariantField) field!: VariantField;
  @Field(() => GenerationStyle) style!: GenerationStyle;
  @Field(() => String, { nullable: true }) audience!: string | null;
  @Field(() => [String], { description: "Attribute keys the text leads with for the audience" }) emphasis!: string[];
  @Field(() => [GeneratedClaim]) claims!: GeneratedClaim[];
  @Field(() => GateStatus) status!: GateStatus;
  @Field(() => [GateReason]) reasons!: GateReason[];
  @Field(() => LintResult, { description: "The linter's run on the text (part of the gate)" }) lint!: LintResult;
  @Field(() => String) generator!: string;
  @Field(() => String) generatorVersion!: string;
}

@InputType({ description: "Which products a batch generation covers (merchant-bound callers: their own)" })
export class GenerationFilter {
  @Field(() => ID, { nullable: true }) merchantId?: string;
  @Field(() => [ID], { nullable: true, description: "At most 10,000" }) productIds?: string[];
  @Field(() => String, { nullable: true }) category?: string;
  @Field(() => String, { nullable: true, description: "Case-insensitive match on sku, title and description" })
  search?: string;
}

@ObjectType()
export class GateReasonCount {
  @Field(() => String) code!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "A batch generation: its job run and what it has produced" })
export class GenerationRun {
  @Field(() => JobRun) jobRun!: JobRun;
  @Field(() => Boolean, { description: "Paused: its batches wait until resumed" }) paused!: boolean;
  @Field(() => Int, { description: "Candidates stored for review" }) offered!: number;
  @Field(() => Int, { description: "Candidates the gate held back (stored BLOCKED)" }) blocked!: number;
  @Field(() => [GateReasonCount]) blockedReasons!: GateReasonCount[];
  @Field(() => Int) promptTokens!: number;
  @Field(() => Int) completionTokens!: number;
  @Field(() => Float, { description: "LLM cost in USD at the configured prices" }) costUsd!: number;
}
