import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { TContext } from "../context.js";
import { importProducts, importProductsFile } from "../services/import.service.js";
import { getJobRun } from "../services/job-run.service.js";
import { ImportFormat, ImportResult, JobRun, ProductInput } from "./types.js";

@Resolver(() => ImportResult)
export class ImportResolver {
  @Authorized("catalog:import")
  @Mutation(() => ImportResult, {
    description:
      "Validates every row; valid rows are upserted by (merchant, sku), invalid rows reported and not written",
  })
  importProducts(
    @Ctx() ctx: TContext,
    @Arg("products", () => [ProductInput]) products: ProductInput[],
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
  ) {
    return importProducts(ctx, merchantId, products);
  }

  @Authorized("catalog:import")
  @Mutation(() => ImportResult, {
    description: "The same from a file's text; rows are numbered from 1 (CSV: data rows, header excluded)",
  })
  importProductsFile(
    @Ctx() ctx: TContext,
    @Arg("format", () => ImportFormat) format: ImportFormat,
    @Arg("content", () => String) content: string,
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
  ) {
    return importProductsFile(ctx, merchantId, format, content);
  }

  @FieldResolver(() => JobRun, {
    nullable: true,
    description: "The analyze run for created/updated products; null when nothing changed",
  })
  jobRun(@Root() r: ImportResult, @Ctx() ctx: TContext) {
    return r.jobRunId ? getJobRun(ctx, r.jobRunId) : null;
  }
}
