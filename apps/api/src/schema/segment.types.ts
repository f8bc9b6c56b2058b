import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";

@ObjectType({
  description:
    "An audience: a key shops pass to /serve (segment=KEY) and rules that place known shoppers in it (docs/serving.md)",
})
export class Segment {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: "Null: shared by every merchant" }) merchantId!: string | null;
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => GraphQLJSON, {
    description:
      '{"priority"?, "all"?: [cond], "any"?: [cond], "none"?: [cond]}; cond: {"interest"} or {"attribute","op","value"}',
  })
  rules!: unknown;
  @Field(() => Date) createdAt!: Date;
}

@InputType()
export class SegmentInput {
  @Field(() => ID, { nullable: true, description: "Admins: omit for a shared audience; merchandisers: their own" })
  merchantId?: string;
  @Field(() => String, { description: "1-64 letters, digits, _ . : - (e.g. 运动)" }) key!: string;
  @Field(() => String) name!: string;
  @Field(() => GraphQLJSON, { nullable: true }) rules?: unknown;
}

@InputType()
export class ShopperInput {
  @Field(() => String, { description: "The shop's shopper id (what /serve gets as shopper=)" }) id!: string;
  @Field(() => GraphQLJSON, { nullable: true }) attributes?: unknown;
  @Field(() => [String], { nullable: true, description: "Declared interests, e.g. 运动, 健康, 时尚, 价格" })
  interests?: string[];
}

@InputType({ description: "One shopper event (the POST /events contract)" })
export class ShopperEventInput {
  @Field(() => String, { description: "The client's event id: a resend with the same id is stored once" }) id!: string;
  @Field(() => String, { description: "impression, click, add_to_cart or purchase" }) type!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ID, { nullable: true, description: "The variantId /serve returned (needed for impressions, clicks)" })
  variantId?: string;
  @Field(() => String, { nullable: true }) segment?: string;
  @Field(() => String, { nullable: true }) shopper?: string;
  @Field(() => String, { nullable: true, description: "ISO date-time or epoch milliseconds; default now" }) at?: string;
}

@ObjectType()
export class EventRejection {
  @Field(() => Int) index!: number;
  @Field(() => String) error!: string;
}

@ObjectType()
export class EventBatchResult {
  @Field(() => Int) accepted!: number;
  @Field(() => [EventRejection]) rejected!: EventRejection[];
}
