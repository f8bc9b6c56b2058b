import "reflect-metadata";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { FindingCategory } from "./lint.types.js";

export enum TrendBucketSize {
  HOUR = "HOUR",
  DAY = "DAY",
}
registerEnumType(TrendBucketSize, { name: "TrendBucketSize", description: "Hours or days, UTC" });

export enum UiLanguage {
  ZH = "ZH",
  EN = "EN",
}
registerEnumType(UiLanguage, { name: "UiLanguage", description: "The language of a label meant for people" });

@ObjectType()
export class FindingCategoryCount {
  @Field(() => FindingCategory) category!: FindingCategory;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "Findings first seen in one hour or day that a later lint has not replaced" })
export class FindingTrendBucket {
  @Field(() => Date, { description: "Start of the hour or day (UTC)" }) bucketStart!: Date;
  @Field(() => Int) total!: number;
  @Field(() => [FindingCategoryCount], { description: "Categories with findings, largest first" })
  categories!: FindingCategoryCount[];
}
