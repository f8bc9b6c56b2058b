import "reflect-metadata";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { TQualityCode } from "@truecopy/core";

export const QualityCode = Object.fromEntries(
  [
    "TITLE_TOO_SHORT",
    "TITLE_TOO_LONG",
    "DESCRIPTION_MISSING",
    "DESCRIPTION_TOO_SHORT",
    "DESCRIPTION_TOO_LONG",
    "LOW_ATTRIBUTE_COVERAGE",
    "ATTRIBUTE_CONTRADICTED",
    "REPEATED_SENTENCE",
    "REPETITIVE_TEXT",
    "KEYWORD_STUFFING",
    "BOILERPLATE",
    "COPIED_TEXT",
    "TYPO",
    "REPEATED_PUNCTUATION",
    "DUPLICATE_WORD",
    "MIXED_WIDTH",
    "MIXED_PUNCTUATION",
    "BROKEN_UNIT",
    "ALL_CAPS",
  ].map((c) => [c, c]),
) as { [K in TQualityCode]: K };
registerEnumType(QualityCode, { name: "QualityCode", description: "Why copy loses quality points" });

@ObjectType()
export class QualityReason {
  @Field(() => QualityCode) code!: TQualityCode;
  @Field(() => String, { description: "title or description" }) field!: string;
  @Field(() => Float, { description: "Points taken off the score" }) penalty!: number;
  @Field(() => String, { description: "In the copy's language" }) message!: string;
  @Field(() => Int, { nullable: true, description: "UTF-16 offset into the field, when about a passage" })
  start?: number;
  @Field(() => Int, { nullable: true }) end?: number;
}

@ObjectType({
  description: "A fix for a span of the live text; applying corrections creates an EDITED variant in review",
})
export class QualityCorrection {
  @Field(() => QualityCode) code!: TQualityCode;
  @Field(() => String) field!: string;
  @Field(() => Int) start!: number;
  @Field(() => Int) end!: number;
  @Field(() => String) original!: string;
  @Field(() => String, { description: '"" deletes the span' }) replacement!: string;
  @Field(() => Boolean, { description: "Safe to apply mechanically" }) autofix!: boolean;
}

@ObjectType()
export class QualityMetrics {
  @Field(() => Int) titleLength!: number;
  @Field(() => Int) descriptionLength!: number;
  @Field(() => Float, {
    nullable: true,
    description: "Share of the attributes the copy states; null without attributes",
  })
  attributeCoverage!: number | null;
  @Field(() => Float, { description: "Share of repeated shingles in the description" }) repetition!: number;
  @Field(() => Float, { description: "Share of the description that is boilerplate" }) boilerplateRatio!: number;
}

@ObjectType({ description: "How good the product's live copy is, why, and how to fix it" })
export class ProductQuality {
  @Field(() => Float, { description: "0–100" }) score!: number;
  @Field(() => String, { description: "A (≥ 85), B (≥ 70), C (≥ 50) or D" }) grade!: string;
  @Field(() => String, { description: "zh or en: the language messages are written in" }) language!: string;
  @Field(() => String) version!: string;
  @Field(() => [QualityReason], { description: "Most costly first" }) reasons!: QualityReason[];
  @Field(() => [QualityCorrection]) corrections!: QualityCorrection[];
  @Field(() => QualityMetrics) metrics!: QualityMetrics;
  @Field(() => ID, { nullable: true, description: "The variant whose title was scored (live or original)" })
  titleVariantId!: string | null;
  @Field(() => ID, { nullable: true }) descriptionVariantId!: string | null;
}
