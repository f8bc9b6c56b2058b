import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TContext } from "../context.js";
import {
  addImageByUrl,
  getProductImage,
  imageDuplicates,
  imageFindings,
  imagePreview,
  productImages,
  recheckImages,
  uploadImage,
} from "../services/image.service.js";
import { DuplicateImage, ImageFinding, ImageRecheckResult, ProductImage, ProductImageResult } from "./image.types.js";
import { Product } from "./types.js";

@Resolver(() => ProductImage)
export class ProductImageResolver {
  @Authorized("catalog:read")
  @Query(() => ProductImage, { nullable: true, description: "One product image with its checks" })
  productImage(@Ctx() ctx: TContext, @Arg("id", () => ID) id: string) {
    return getProductImage(ctx, id);
  }

  @Authorized("images:manage")
  @Mutation(() => ProductImageResult, {
    description:
      "Adds an image by http(s) URL (public hosts only unless IMAGE_ALLOWED_HOSTS allows a private one) or by a path inside IMAGE_LOCAL_DIR, and queues its check",
  })
  addProductImage(
    @Ctx() ctx: TContext,
    @Arg("productId", () => ID) productId: string,
    @Arg("url", () => String) url: string,
  ) {
    return addImageByUrl(ctx, productId, url);
  }

  @Authorized("images:manage")
  @Mutation(() => ProductImageResult, {
    description:
      "Adds an uploaded image (JPEG, PNG, WebP or GIF, base64 — pass it as a variable; at most IMAGE_UPLOAD_MAX_BYTES) and queues its check",
  })
  uploadProductImage(
    @Ctx() ctx: TContext,
    @Arg("productId", () => ID) productId: string,
    @Arg("contentBase64", () => String) contentBase64: string,
  ) {
    return uploadImage(ctx, productId, contentBase64);
  }

  @Authorized("images:manage")
  @Mutation(() => ImageRecheckResult, {
    description: "Queues the checks of a product's images again (all, or the given ones)",
  })
  recheckProductImages(
    @Ctx() ctx: TContext,
    @Arg("productId", () => ID) productId: string,
    @Arg("imageIds", () => [ID], { nullable: true }) imageIds?: string[],
  ) {
    return recheckImages(ctx, productId, imageIds);
  }

  @FieldResolver(() => [ImageFinding], {
    description:
      "Quality, colour against the attribute and the copy, the linter on the text, duplicates of other products",
  })
  findings(@Root() image: ProductImage, @Ctx() ctx: TContext) {
    return imageFindings(ctx, image);
  }

  @FieldResolver(() => [DuplicateImage], { description: "Other products' images that are the same picture" })
  duplicates(@Root() image: ProductImage, @Ctx() ctx: TContext) {
    return imageDuplicates(ctx, image);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "A JPEG data: URL of an uploaded or local image (null for remote images: load their url)",
  })
  preview(
    @Root() image: ProductImage,
    @Ctx() ctx: TContext,
    @Arg("maxSide", () => Int, { defaultValue: 512 }) maxSide: number,
  ) {
    return imagePreview(ctx, image, maxSide);
  }
}

@Resolver(() => Product)
export class ProductImagesResolver {
  @FieldResolver(() => [ProductImage], {
    description: "The product's images with their checks (`images` keeps the bare references)",
  })
  productImages(@Root() p: Product, @Ctx() ctx: TContext) {
    return productImages(ctx, p.id);
  }
}
