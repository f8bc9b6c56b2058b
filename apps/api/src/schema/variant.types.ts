import "reflect-metadata";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

// A variant is one text of a product field (the merchant's ORIGINAL or an edit/generation of it).
// Shared by the linter's and the review workflow's resolvers; each adds its own field resolvers.

export enum VariantField {
  TITLE = "TITLE",
  BULLETS = "BULLETS",
  DESCRIPTION = "DESCRIPTION",
  SHORT = "SHORT",
}
registerEnumType(VariantField, { name: "VariantField" });

export enum VariantOrigin {
  ORIGINAL = "ORIGINAL",
  GENERATED = "GENERATED",
  EDITED = "EDITED",
  LLM = "LLM",
}
registerEnumType(VariantOrigin, { name: "VariantOrigin" });

export enum VariantStatus {
  DRAFT = "DRAFT",
  PENDING_REVIEW = "PENDING_REVIEW",
  APPROVED = "APPROVED",
  PUBLISHED = "PUBLISHED",
  REJECTED = "REJECTED",
  ARCHIVED = "ARCHIVED",
  BLOCKED = "BLOCKED",
}
registerEnumType(VariantStatus, { name: "VariantStatus" });

export enum LintVerdict {
  PASS = "PASS",
  REVIEW = "REVIEW",
  BLOCK = "BLOCK",
}
registerEnumType(LintVerdict, {
  name: "LintVerdict",
  description: "PASS: no finding above a warning; REVIEW: warnings a human should look at; BLOCK: an error",
});

/** Columns of "Variant" that the Variant type reads (also used by loaders and services). */
export const VARIANT_COLUMNS = `id, "productId", field, locale, text, origin, status, "parentVariantId", generator, "generatorVersion", verdict, "lintedAt", "createdById", "createdAt", "updatedAt"`;

@ObjectType({ description: "One text of a product field; variants are never edited in place" })
export class Variant {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => VariantField) field!: VariantField;
  @Field(() => String) locale!: string;
  @Field(() => String) text!: string;
  @Field(() => VariantOrigin) origin!: VariantOrigin;
  @Field(() => VariantStatus) status!: VariantStatus;
  @Field(() => ID, { nullable: true, description: "The variant this one was derived from" })
  parentVariantId!: string | null;
  @Field(() => String, { nullable: true }) generator!: string | null;
  @Field(() => String, { nullable: true }) generatorVersion!: string | null;
  @Field(() => LintVerdict, { nullable: true, description: "Verdict of the last lint; null until linted" })
  verdict!: LintVerdict | null;
  @Field(() => Date, { nullable: true }) lintedAt!: Date | null;
  createdById!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}
