import "reflect-metadata";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo, Product } from "./types.js";

export enum DuplicateKind {
  COPY = "COPY",
  PRODUCT = "PRODUCT",
}
registerEnumType(DuplicateKind, {
  name: "DuplicateKind",
  description: "COPY: the same copy reused across products; PRODUCT: the same product listed more than once",
});

export enum DuplicateMethod {
  SIMHASH = "SIMHASH",
  MINHASH = "MINHASH",
  EMBEDDING = "EMBEDDING",
  MATCHER = "MATCHER",
}
registerEnumType(DuplicateMethod, {
  name: "DuplicateMethod",
  description:
    "How the cluster's members were linked: SIMHASH near-identical copy, MINHASH near copies, MATCHER the same-product matcher",
});

export enum DuplicateClusterStatus {
  OPEN = "OPEN",
  CONFIRMED = "CONFIRMED",
}
registerEnumType(DuplicateClusterStatus, {
  name: "DuplicateClusterStatus",
  description: "OPEN until a moderator keeps a canonical member or merges; a new member opens it again",
});

@ObjectType({ description: "A passage a member shares with the cluster's canonical member" })
export class DuplicatePassage {
  @Field(() => String, { description: "title or description" }) field!: "title" | "description";
  @Field(() => Int, { description: "UTF-16 offset into this member's field, inclusive" }) start!: number;
  @Field(() => Int, { description: "UTF-16 offset, exclusive" }) end!: number;
  @Field(() => Int, { description: "The same passage in the canonical member's field" }) canonicalStart!: number;
  @Field(() => Int) canonicalEnd!: number;
  @Field(() => String, { description: "The passage as written in this member" }) text!: string;
}

@ObjectType()
export class DuplicateMember {
  @Field(() => Product) product!: Product;
  @Field(() => Boolean) canonical!: boolean;
  @Field(() => Float, { description: "Similarity to the canonical member (or its strongest link), in [0, 1]" })
  score!: number;
  @Field(() => [DuplicatePassage], { description: "Empty for the canonical member" }) passages!: DuplicatePassage[];
}

@ObjectType({ description: "Products that reuse one copy, or list one product, with one canonical member" })
export class DuplicateCluster {
  @Field(() => ID) id!: string;
  @Field(() => DuplicateKind) kind!: DuplicateKind;
  @Field(() => DuplicateMethod) method!: DuplicateMethod;
  @Field(() => DuplicateClusterStatus) status!: DuplicateClusterStatus;
  @Field(() => Float, { description: "Mean similarity of the cluster's links, in [0, 1]" }) score!: number;
  canonicalId!: string | null;
  @Field(() => Boolean, { description: "A moderator chose the canonical member" }) canonicalPinned!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  /** Set for merchant-bound callers: members of other merchants are not shown. */
  scopeMerchantId!: string | null;
  totalMembers!: number;
}

@ObjectType()
export class DuplicateClusterEdge {
  @Field(() => String) cursor!: string;
  @Field(() => DuplicateCluster) node!: DuplicateCluster;
}

@ObjectType()
export class DuplicateClusterConnection {
  @Field(() => [DuplicateClusterEdge]) edges!: DuplicateClusterEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class DuplicateClusterFilter {
  @Field(() => DuplicateKind, { nullable: true }) kind?: DuplicateKind;
  @Field(() => DuplicateMethod, { nullable: true }) method?: DuplicateMethod;
  @Field(() => DuplicateClusterStatus, { nullable: true }) status?: DuplicateClusterStatus;
  @Field(() => ID, { nullable: true, description: "Clusters with at least two of this merchant's products" })
  merchantId?: string;
  @Field(() => ID, { nullable: true, description: "Clusters this product is a member of" }) productId?: string;
  @Field(() => Float, { nullable: true, description: "Clusters scoring at least this, in [0, 1]" }) minScore?: number;
}
