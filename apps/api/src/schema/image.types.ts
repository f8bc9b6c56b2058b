import "reflect-metadata";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Evidence, FindingCategory, Severity } from "./lint.types.js";

// Every field names its GraphQL type explicitly: test runners that strip types emit no decorator metadata.

export enum ImageStatus {
  PENDING = "PENDING",
  CHECKED = "CHECKED",
  UNAVAILABLE = "UNAVAILABLE",
}
registerEnumType(ImageStatus, {
  name: "ImageStatus",
  description: "PENDING until the vision job has run; UNAVAILABLE when the image could not be fetched or decoded",
});

@ObjectType({ description: "A dominant colour of an image (k-means in CIELAB), named as the catalog names colours" })
export class ImageColor {
  @Field(() => String, { description: "Canonical id: black, white, silver, grey, navy, blue, red …" }) name!: string;
  @Field(() => String, { description: "Chinese name, e.g. 黑色" }) nameZh!: string;
  @Field(() => String, { description: "English name" }) nameEn!: string;
  @Field(() => String, { description: "#rrggbb" }) hex!: string;
  @Field(() => Float, { description: "Share of the image's pixels, 0–1" }) share!: number;
  @Field(() => Float, { description: "Share of the product (the image without its background), 0–1" })
  foregroundShare!: number;
  @Field(() => Boolean, { description: "The background (fills the image's border)" }) background!: boolean;
}

@ObjectType({ description: "A line of text read in an image (OCR)" })
export class ImageTextLine {
  @Field(() => String) text!: string;
  @Field(() => [Int], { description: "[x, y, width, height] in the image's pixels" }) box!: number[];
  @Field(() => Float, { description: "Mean character probability, 0–1" }) confidence!: number;
  @Field(() => [[Float]], { nullable: true, description: "Corners of a slanted line (clockwise from top left)" })
  quad?: number[][] | null;
}

@ObjectType({ description: "What a check found in an image" })
export class ImageFinding {
  @Field(() => String, {
    description: "image.blur, image.colour.attribute …, or the linter's rule for text in the image",
  })
  rule!: string;
  @Field(() => FindingCategory, { description: "IMAGE for the picture itself; a linter category for its text" })
  category!: FindingCategory;
  @Field(() => Severity) severity!: Severity;
  @Field(() => String, { description: "What is wrong and why, in the product's language" }) message!: string;
  @Field(() => [Int], { nullable: true, description: "[x, y, width, height] of the region (text findings)" })
  box?: number[] | null;
  @Field(() => String, { nullable: true, description: "The recognised text, or the copy's word, it is about" })
  match?: string | null;
  @Field(() => String, { nullable: true }) legalBasis?: string | null;
  @Field(() => String, { nullable: true }) suggestion?: string | null;
  @Field(() => [Evidence]) evidence!: Evidence[];
}

@ObjectType({ description: "Exposure from the luma histogram" })
export class ImageExposure {
  @Field(() => Float, { description: "Mean luma, 0–255" }) mean!: number;
  @Field(() => Int) p05!: number;
  @Field(() => Int) p95!: number;
  @Field(() => Float, { description: "Share of pixels at 250 or above" }) clippedHighlights!: number;
  @Field(() => Float, { description: "Share of pixels at 5 or below" }) crushedShadows!: number;
  @Field(() => String, { description: "ok, over or under" }) verdict!: string;
}

@ObjectType({ description: "Another product's image that is the same picture (perceptual hash and main colour)" })
export class DuplicateImage {
  @Field(() => ID) imageId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => String) sku!: string;
  @Field(() => Int, { description: "Hamming distance of the 64-bit perceptual hashes" }) distance!: number;
}

@ObjectType({ description: "A product image with what the vision checks found: quality, colours, text and findings" })
export class ProductImage {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => Int) position!: number;
  @Field(() => String, { description: "The stored reference: an http(s) URL, upload:<sha256>.<format>, or a path" })
  url!: string;
  @Field(() => ImageStatus) status!: ImageStatus;
  @Field(() => Int, { nullable: true }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => String, { nullable: true, description: "jpeg, png, webp or gif" }) format!: string | null;
  @Field(() => Int, { nullable: true }) bytes!: number | null;
  @Field(() => String, { nullable: true }) sha256!: string | null;
  @Field(() => String, { nullable: true, description: "64-bit perceptual hash (pHash), 16 hex digits" })
  phash!: string | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "Sharpness: contrast-normalised variance of the Laplacian of the sharpest regions; below 0.6 is blurry",
  })
  blur!: number | null;
  @Field(() => ImageExposure, { nullable: true }) exposure!: ImageExposure | null;
  @Field(() => [ImageColor], { description: "Dominant colours, largest first" }) colors!: ImageColor[];
  @Field(() => [ImageTextLine], { description: "Text read in the image, in reading order" }) text!: ImageTextLine[];
  @Field(() => String, { description: "The text lines as linted, joined by line breaks" }) recognizedText!: string;
  @Field(() => String, { nullable: true, description: "Why the image could not be read" }) error!: string | null;
  @Field(() => Date, { nullable: true }) checkedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  /** The stored findings; `findings` adds the duplicate finding, found when asked. */
  storedFindings!: ImageFindingRecord[];
}

export type ImageFindingRecord = Omit<ImageFinding, "category" | "severity"> & { category: string; severity: string };

@ObjectType({ description: "An image added to a product and queued for checking" })
export class ProductImageResult {
  @Field(() => ProductImage) image!: ProductImage;
  @Field(() => Boolean, { description: "False when the product already had this image (it is checked again)" })
  created!: boolean;
  @Field(() => ID, { description: "The check's job run (jobRun(id) shows its progress)" }) jobRunId!: string;
}

@ObjectType({ description: "Images queued for checking again" })
export class ImageRecheckResult {
  @Field(() => ID, { nullable: true, description: "The checks' job run; null when there was nothing to check" })
  jobRunId!: string | null;
  @Field(() => Int) images!: number;
}
