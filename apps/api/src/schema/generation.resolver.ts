import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TContext } from "../context.js";
import {
  controlGeneration,
  getGenerationRun,
  previewGeneration,
  startGeneration,
  variantBlockReasons,
  variantClaims,
} from "../services/generation.service.js";
import {
  GateReason,
  GeneratedClaim,
  GenerationFilter,
  GenerationPreview,
  GenerationRun,
  GenerationStyle,
  GeneratorKind,
} from "./generation.types.js";
import { JobRun } from "./types.js";
import { Variant, VariantField } from "./variant.types.js";

@Resolver()
export class GenerationResolver {
  @Authorized("variants:generate")
  @Query(() => GenerationPreview, {
    description:
      "Writes a candidate for one product field now (attributes, praising reviews, image colours; the merchant's brand pack), with its claims and the gate's verdict. Nothing is stored.",
  })
  generatePreview(
    @Ctx() ctx: TContext,
    @Arg("productId", () => ID) productId: string,
    @Arg("field", () => VariantField) field: VariantField,
    @Arg("locale", () => String, { nullable: true, description: "zh-CN, en-US…; the product's locale when absent" })
    locale?: string,
    @Arg("style", () => GenerationStyle, { nullable: true, defaultValue: GenerationStyle.VIVID })
    style?: GenerationStyle,
    @Arg("audience", () => String, { nullable: true, description: "e.g. 运动, 健康, 时尚, 价格, sport" })
    audience?: string,
  ) {
    return previewGeneration(ctx, { productId, field, locale, style, audience });
  }

  @Authorized("variants:generate")
  @Mutation(() => JobRun, {
    description:
      "Generates candidates for every selected product × field × style × audience in the background (queue generate). Each becomes a GENERATED (or LLM) variant PENDING_REVIEW, or BLOCKED when the gate holds it back; a candidate that exists already (same product version, field, locale, style, audience and generator version) is not written again; existing variants are never changed.",
  })
  generateVariants(
    @Ctx() ctx: TContext,
    @Arg("filter", () => GenerationFilter) filter: GenerationFilter,
    @Arg("fields", () => [VariantField]) fields: VariantField[],
    @Arg("styles", () => [GenerationStyle], { nullable: true, description: "Default: VIVID" })
    styles?: GenerationStyle[],
    @Arg("audiences", () => [String], { nullable: true, description: "At most 8; none: no particular audience" })
    audiences?: string[],
    @Arg("generator", () => GeneratorKind, { nullable: true, defaultValue: GeneratorKind.TEMPLATE })
    generator?: GeneratorKind,
    @Arg("ratePerSecond", () => Int, { nullable: true, description: "Variants per second across workers (default 50)" })
    ratePerSecond?: number,
  ) {
    return startGeneration(ctx, { filter, fields, styles, audiences, generator, ratePerSecond });
  }

  @Authorized("variants:generate")
  @Query(() => GenerationRun, { nullable: true, description: "A batch generation's progress and results" })
  generationRun(@Ctx() ctx: TContext, @Arg("jobRunId", () => ID) jobRunId: string) {
    return getGenerationRun(ctx, jobRunId);
  }

  @Authorized("variants:generate")
  @Mutation(() => GenerationRun, { description: "Pauses a generation run: its batches wait until it is resumed" })
  pauseGeneration(@Ctx() ctx: TContext, @Arg("jobRunId", () => ID) jobRunId: string) {
    return controlGeneration(ctx, jobRunId, "pause");
  }

  @Authorized("variants:generate")
  @Mutation(() => GenerationRun)
  resumeGeneration(@Ctx() ctx: TContext, @Arg("jobRunId", () => ID) jobRunId: string) {
    return controlGeneration(ctx, jobRunId, "resume");
  }

  @Authorized("variants:generate")
  @Mutation(() => GenerationRun, {
    description: "Cancels a generation run: no batch writes after this (variants already written stay)",
  })
  cancelGeneration(@Ctx() ctx: TContext, @Arg("jobRunId", () => ID) jobRunId: string) {
    return controlGeneration(ctx, jobRunId, "cancel");
  }
}

@Resolver(() => Variant)
export class VariantGenerationResolver {
  @FieldResolver(() => [GeneratedClaim], {
    nullable: true,
    description:
      "A generated text's factual spans and where each comes from (an attribute, a review, an image); null for texts people wrote",
  })
  claims(@Root() v: Variant, @Ctx() ctx: TContext) {
    return variantClaims(ctx, v.id);
  }

  @FieldResolver(() => [GateReason], {
    nullable: true,
    description:
      "Why the generation gate held this candidate back (it is BLOCKED); null when it was offered or written by a person",
  })
  blockReasons(@Root() v: Variant, @Ctx() ctx: TContext) {
    return variantBlockReasons(ctx, v.id);
  }
}
