import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { PageInfo, Product } from "./types.js";
import { Variant, VariantField } from "./variant.types.js";

@ObjectType({ description: "An observed rate with its equal-tailed credible interval (Beta(1,1) prior)" })
export class RateEstimate {
  @Field(() => Float) rate!: number;
  @Field(() => Float) low!: number;
  @Field(() => Float) high!: number;
}

@ObjectType({ description: "Relative CTR lift over the original (0.2 = +20%) with its credible interval" })
export class Lift {
  @Field(() => Float) estimate!: number;
  @Field(() => Float) low!: number;
  @Field(() => Float) high!: number;
}

@ObjectType({ description: "One variant in one audience of an experiment" })
export class ExperimentArm {
  @Field(() => ID) variantId!: string;
  @Field(() => Variant, { nullable: true }) variant!: Variant | null;
  @Field(() => Boolean, { description: "The merchant's original text: the control arm" }) isOriginal!: boolean;
  @Field(() => Boolean, { description: "Taken out of rotation for this audience by the guardrail" }) paused!: boolean;
  @Field(() => Int) impressions!: number;
  @Field(() => Int) clicks!: number;
  @Field(() => Int) addToCarts!: number;
  @Field(() => Int) purchases!: number;
  @Field(() => RateEstimate, { description: "Clicks per impression" }) ctr!: RateEstimate;
  @Field(() => RateEstimate, { description: "Purchases per impression" }) cvr!: RateEstimate;
  @Field(() => RateEstimate, { description: "Add-to-carts per impression" }) addToCartRate!: RateEstimate;
  @Field(() => Lift, { nullable: true, description: "Null for the original, or before it has impressions" })
  liftVsOriginal!: Lift | null;
  @Field(() => Float) probabilityToBeBest!: number;
  @Field(() => Float, { nullable: true, description: "P(CTR < original's CTR); the guardrail pauses at 0.95" })
  probabilityBelowOriginal!: number | null;
  @Field(() => Float, { description: "Share of the audience's impressions" }) trafficShare!: number;
}

@ObjectType()
export class ExperimentAudience {
  @Field(() => String) segment!: string;
  @Field(() => Int) impressions!: number;
  @Field(() => Int) clicks!: number;
  @Field(() => [ExperimentArm]) arms!: ExperimentArm[];
}

@ObjectType({ description: "Impressions of one variant in one audience on one UTC day, and its share of that day" })
export class TrafficShare {
  @Field(() => String, { description: "YYYY-MM-DD (UTC)" }) day!: string;
  @Field(() => String) segment!: string;
  @Field(() => ID) variantId!: string;
  @Field(() => Int) impressions!: number;
  @Field(() => Float) share!: number;
}

@ObjectType({ description: "What serving learned about one product's variants, per audience" })
export class Experiment {
  @Field(() => ID) productId!: string;
  @Field(() => Product) product!: Product;
  @Field(() => VariantField, { nullable: true, description: "The field asked for; null: every field" })
  field!: VariantField | null;
  @Field(() => Date) since!: Date;
  @Field(() => [ExperimentAudience]) audiences!: ExperimentAudience[];
  @Field(() => [TrafficShare], { description: "Daily buckets since `since`" }) traffic!: TrafficShare[];
}

@ObjectType({ description: "A product with served traffic" })
export class ExperimentSummary {
  @Field(() => ID) productId!: string;
  @Field(() => Product) product!: Product;
  @Field(() => Int) impressions!: number;
  @Field(() => Int) clicks!: number;
  @Field(() => Int) purchases!: number;
  @Field(() => Float) ctr!: number;
  @Field(() => Int) variants!: number;
  @Field(() => Int) segments!: number;
  @Field(() => Int, { description: "Variant × audience pairs the guardrail paused" }) paused!: number;
}

@ObjectType()
export class ExperimentSummaryEdge {
  @Field(() => ExperimentSummary) node!: ExperimentSummary;
  @Field(() => String) cursor!: string;
}

@ObjectType()
export class ExperimentConnection {
  @Field(() => [ExperimentSummaryEdge]) edges!: ExperimentSummaryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
