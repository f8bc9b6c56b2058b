import "reflect-metadata";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { PageInfo, Role } from "./types.js";
import { FindingCategory, Severity } from "./lint.types.js";
import { LintVerdict, Variant, VariantField, VariantOrigin, VariantStatus } from "./variant.types.js";
import type { TRole } from "@truecopy/core";

// Types of the review workflow: queue, claims, decisions, diffs, bulk actions, undo, export,
// webhooks, audit log and review statistics. Every field names its GraphQL type explicitly.

export enum ReviewQueueSort {
  OLDEST = "OLDEST",
  NEWEST = "NEWEST",
  SEVERITY = "SEVERITY",
}
registerEnumType(ReviewQueueSort, {
  name: "ReviewQueueSort",
  description: "OLDEST first (default, the SLA order), NEWEST first, or most SEVERE finding first (then oldest)",
});

export enum ClaimFilter {
  MINE = "MINE",
  UNCLAIMED = "UNCLAIMED",
  ANY = "ANY",
}
registerEnumType(ClaimFilter, { name: "ClaimFilter", description: "Items I hold, items nobody holds, or all" });

export enum SlaStatus {
  OK = "OK",
  AT_RISK = "AT_RISK",
  BREACHED = "BREACHED",
}
registerEnumType(SlaStatus, { name: "SlaStatus", description: "Waiting > 12 h is AT_RISK, > 24 h BREACHED" });

export enum RejectReasonCode {
  EXAGGERATION = "EXAGGERATION",
  UNSUPPORTED_CLAIM = "UNSUPPORTED_CLAIM",
  TONE = "TONE",
  GRAMMAR = "GRAMMAR",
  DUPLICATE = "DUPLICATE",
  OTHER = "OTHER",
}
registerEnumType(RejectReasonCode, { name: "RejectReasonCode", description: "OTHER needs a comment" });

export enum DecisionAction {
  APPROVE = "APPROVE",
  EDIT_AND_APPROVE = "EDIT_AND_APPROVE",
  REJECT = "REJECT",
  SUBMIT_EDIT = "SUBMIT_EDIT",
  PUBLISH = "PUBLISH",
  REVERT_TO_ORIGINAL = "REVERT_TO_ORIGINAL",
  SUPERSEDE = "SUPERSEDE",
  UNDO = "UNDO",
}
registerEnumType(DecisionAction, {
  name: "DecisionAction",
  description:
    "What a decision did. SUPERSEDE: taken off the shelf or out of the queue by another variant (a publish, an edit); UNDO: the reverse of an undone decision",
});

export enum BulkReviewAction {
  APPROVE = "APPROVE",
  REJECT = "REJECT",
}
registerEnumType(BulkReviewAction, { name: "BulkReviewAction" });

export enum BulkSkipReason {
  NOT_FOUND = "NOT_FOUND",
  WRONG_STATUS = "WRONG_STATUS",
  NEEDS_EDIT = "NEEDS_EDIT",
  NO_CHANGE = "NO_CHANGE",
  NOT_ORIGINAL = "NOT_ORIGINAL",
  CLAIMED = "CLAIMED",
  SAME_SLOT = "SAME_SLOT",
}
registerEnumType(BulkSkipReason, {
  name: "BulkSkipReason",
  description:
    "Why a bulk action leaves an item alone: not found, not in a status the action starts from, blocked by the linter (needs an edit), already done, held by another reviewer, or another item of the same product field and locale is published by the same action",
});

export enum DiffOpKind {
  EQUAL = "EQUAL",
  INSERT = "INSERT",
  DELETE = "DELETE",
}
registerEnumType(DiffOpKind, { name: "DiffOpKind" });

@ObjectType({ description: "A person or API key that acted" })
export class ReviewActor {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "user or api_key" }) kind!: string;
  @Field(() => String) name!: string;
  @Field(() => Role) role!: TRole;
}

@ObjectType({ description: "A reviewer's lease on an item: nobody else can decide it until it expires" })
export class ReviewClaim {
  @Field(() => ID) holderId!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Boolean, { description: "Held by the caller" }) mine!: boolean;
}

@ObjectType({ description: "One item of the review queue: a variant waiting for a decision" })
export class ReviewItem {
  @Field(() => ID, { description: "The variant's id" }) id!: string;
  @Field(() => Variant) variant!: Variant;
  productId!: string;
  @Field(() => Severity, { nullable: true, description: "Most severe finding; null without findings" })
  maxSeverity!: Severity | null;
  @Field(() => Int) findingCount!: number;
  @Field(() => Date, { description: "When the variant was created (entered the queue)" }) waitingSince!: Date;
  @Field(() => Int, { description: "Seconds waited so far" }) ageSeconds!: number;
  @Field(() => SlaStatus) slaStatus!: SlaStatus;
  @Field(() => ReviewClaim, { nullable: true, description: "The live lease on the item, if any" })
  claim!: ReviewClaim | null;
}

@ObjectType()
export class ReviewItemEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ReviewItem) node!: ReviewItem;
}

@ObjectType()
export class ReviewItemConnection {
  @Field(() => [ReviewItemEdge]) edges!: ReviewItemEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: "Items matching the filter (all pages)" }) totalCount!: number;
}

@InputType()
export class ReviewQueueFilter {
  @Field(() => ID, { nullable: true, description: "Merchant-bound callers always see their own" }) merchantId?: string;
  @Field(() => String, { nullable: true, description: "Product category" }) category?: string;
  @Field(() => Severity, { nullable: true, description: "Items with a finding at least this severe" })
  severity?: Severity;
  @Field(() => FindingCategory, { nullable: true, description: "Items with a finding of this category" })
  findingCategory?: FindingCategory;
  @Field(() => String, { nullable: true }) generator?: string;
  @Field(() => VariantOrigin, { nullable: true }) origin?: VariantOrigin;
  @Field(() => String, { nullable: true, description: '"zh" matches zh-CN and zh-TW; "zh-CN" only itself' })
  locale?: string;
  @Field(() => Float, { nullable: true, description: "Waiting at least this long" }) minAgeHours?: number;
  @Field(() => Float, { nullable: true, description: "Waiting at most this long" }) maxAgeHours?: number;
  @Field(() => LintVerdict, { nullable: true }) verdict?: LintVerdict;
  @Field(() => ClaimFilter, { nullable: true, defaultValue: ClaimFilter.ANY }) claimed?: ClaimFilter;
}

@ObjectType({ description: "A status change of a variant: who, what, when, from and to" })
export class Decision {
  @Field(() => ID) id!: string;
  @Field(() => ID) variantId!: string;
  @Field(() => ID) actorId!: string;
  @Field(() => DecisionAction) action!: DecisionAction;
  @Field(() => VariantStatus) fromStatus!: VariantStatus;
  @Field(() => VariantStatus) toStatus!: VariantStatus;
  @Field(() => RejectReasonCode, { nullable: true }) reasonCode!: RejectReasonCode | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => ID, { nullable: true, description: "Decisions taken together share it; undoBatch takes it" })
  batchId!: string | null;
  @Field(() => Date, { nullable: true, description: "Set when the decision was undone" }) undoneAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: "What a decision, edit, publish or revert did" })
export class DecisionOutcome {
  @Field(() => Variant, { description: "The variant acted on; for edits the new EDITED child" }) variant!: Variant;
  @Field(() => [Variant], { description: "Every variant whose status changed" }) affected!: Variant[];
  @Field(() => [Decision]) decisions!: Decision[];
  @Field(() => ID, { nullable: true, description: "Pass to undoBatch within the undo window" }) batchId!: string | null;
  @Field(() => Date, { nullable: true, description: "Until when undoBatch(batchId) works" })
  undoExpiresAt!: Date | null;
  @Field(() => Boolean, { description: "True when this repeated a call already applied: nothing new was written" })
  replayed!: boolean;
}

@ObjectType({ description: "One item of a bulk action (or its preview)" })
export class BulkDecisionItem {
  @Field(() => ID) variantId!: string;
  @Field(() => VariantStatus, { nullable: true }) fromStatus!: VariantStatus | null;
  @Field(() => VariantStatus, { nullable: true, description: "Where it goes (preview) or went; null when skipped" })
  toStatus!: VariantStatus | null;
  @Field(() => BulkSkipReason, { nullable: true }) skipped!: BulkSkipReason | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => [ID], { description: "Publish: the variants it takes off the shelf" }) supersededVariantIds!: string[];
}

@ObjectType()
export class BulkDecisionResult {
  @Field(() => Boolean, { description: "True: nothing was written, this is what would happen" }) preview!: boolean;
  @Field(() => ID, { nullable: true }) batchId!: string | null;
  @Field(() => Date, { nullable: true }) undoExpiresAt!: Date | null;
  @Field(() => [BulkDecisionItem]) items!: BulkDecisionItem[];
  @Field(() => Int, { description: "Items that changed (in a preview: would change)" }) changed!: number;
  @Field(() => Int) skipped!: number;
}

@ObjectType()
export class UndoResult {
  @Field(() => ID) batchId!: string;
  @Field(() => ID, { nullable: true, description: "The reverse decisions' batch (undo it to redo)" })
  undoBatchId!: string | null;
  @Field(() => [Variant], { description: "The variants, back in their previous status" }) variants!: Variant[];
  @Field(() => [Decision]) decisions!: Decision[];
  @Field(() => Boolean) replayed!: boolean;
}

@ObjectType({ description: "One run of a token diff; offsets are UTF-16 code units" })
export class DiffOp {
  @Field(() => DiffOpKind) op!: DiffOpKind;
  @Field(() => String) text!: string;
  @Field(() => Int) beforeStart!: number;
  @Field(() => Int) beforeEnd!: number;
  @Field(() => Int) afterStart!: number;
  @Field(() => Int) afterEnd!: number;
}

@ObjectType({ description: "Word-level (en) or jieba-token-level (zh) diff of two texts" })
export class TextDiff {
  @Field(() => Variant, { nullable: true, description: "The variant compared against (null for textDiff)" })
  base!: Variant | null;
  @Field(() => String, { description: "word or jieba" }) mode!: string;
  @Field(() => [DiffOp]) ops!: DiffOp[];
  @Field(() => Int) insertedTokens!: number;
  @Field(() => Int) deletedTokens!: number;
  @Field(() => Boolean, { description: "Too different to align: shown as a replacement" }) truncated!: boolean;
}

@ObjectType({ description: "A product's variants with their lineage and every decision taken on them" })
export class VariantHistory {
  @Field(() => ID) productId!: string;
  @Field(() => [Variant], { description: "By field, locale, then oldest first" }) variants!: Variant[];
  @Field(() => [Decision], { description: "Oldest first" }) decisions!: Decision[];
}

@ObjectType({ description: "A live text: the one PUBLISHED variant of a product field and locale" })
export class PublishedVariant {
  @Field(() => ID) variantId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ID) merchantId!: string;
  @Field(() => String, { description: "Merchant slug" }) merchant!: string;
  @Field(() => String) sku!: string;
  @Field(() => VariantField) field!: VariantField;
  @Field(() => String) locale!: string;
  @Field(() => VariantOrigin) origin!: VariantOrigin;
  @Field(() => String) text!: string;
  @Field(() => Date, { description: "When it went live" }) publishedAt!: Date;
}

@ObjectType()
export class PublishedVariantEdge {
  @Field(() => String) cursor!: string;
  @Field(() => PublishedVariant) node!: PublishedVariant;
}

@ObjectType()
export class PublishedVariantConnection {
  @Field(() => [PublishedVariantEdge]) edges!: PublishedVariantEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

export enum WebhookDeliveryStatus {
  PENDING = "PENDING",
  DELIVERED = "DELIVERED",
  FAILED = "FAILED",
}
registerEnumType(WebhookDeliveryStatus, { name: "WebhookDeliveryStatus" });

@ObjectType({ description: "A receiver of signed webhook events (X-Truecopy-Signature: t=…,v1=…)" })
export class WebhookEndpoint {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: "Null: events of every merchant" }) merchantId!: string | null;
  @Field(() => String) url!: string;
  @Field(() => [String], { description: "Subscribed events, e.g. variant.published" }) events!: string[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class WebhookEndpointCreated {
  @Field(() => WebhookEndpoint) endpoint!: WebhookEndpoint;
  @Field(() => String, { description: "The signing secret; shown once, store it now" }) secret!: string;
}

@ObjectType()
export class WebhookDelivery {
  @Field(() => ID) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => String) event!: string;
  @Field(() => String, { description: "Idempotency key of the event (one delivery per endpoint and key)" })
  eventKey!: string;
  @Field(() => GraphQLJSON, { description: "The JSON body sent" }) payload!: unknown;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true, description: "HTTP status of the last attempt" }) lastStatus!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field(() => String) cursor!: string;
  @Field(() => WebhookDelivery) node!: WebhookDelivery;
}

@ObjectType()
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge]) edges!: WebhookDeliveryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType({ description: "One entry of the append-only, hash-chained audit log" })
export class AuditEvent {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String, { description: "user, api_key, system or cli" }) actorKind!: string;
  @Field(() => String, { description: "e.g. variant.approve, products.import" }) action!: string;
  @Field(() => String) entityType!: string;
  @Field(() => String) entityId!: string;
  @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => String, { description: "sha256 over the previous hash and this event" }) hash!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class AuditEventEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AuditEvent) node!: AuditEvent;
}

@ObjectType()
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges!: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: "e.g. Variant, Merchant, ApiKey, WebhookEndpoint" })
  entityType?: string;
  @Field(() => String, { nullable: true }) entityId?: string;
  @Field(() => ID, { nullable: true }) actorId?: string;
  @Field(() => String, { nullable: true }) action?: string;
  @Field(() => Date, { nullable: true, description: "Inclusive" }) since?: Date;
  @Field(() => Date, { nullable: true, description: "Exclusive" }) until?: Date;
}

export enum DecisionStatsBy {
  RULE = "RULE",
  GENERATOR = "GENERATOR",
  REASON = "REASON",
}
registerEnumType(DecisionStatsBy, {
  name: "DecisionStatsBy",
  description:
    "RULE: verdicts on items a rule flagged; GENERATOR: by the generator that wrote the text (originals and hand edits by origin); REASON: rejections per reason code",
});

export enum ThroughputBucketSize {
  HOUR = "HOUR",
  DAY = "DAY",
}
registerEnumType(ThroughputBucketSize, { name: "ThroughputBucketSize" });

@ObjectType()
export class RejectReasonCount {
  @Field(() => RejectReasonCode) reasonCode!: RejectReasonCode;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "Review verdicts of one rule, generator or reason" })
export class DecisionStatsRow {
  /** What the rows were counted by (for the label). */
  by!: DecisionStatsBy;
  @Field(() => String) key!: string;
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: "Approved as written" }) approved!: number;
  @Field(() => Int, { description: "Approved after a moderator's edit" }) edited!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Float, { description: "approved / total" }) approvalRate!: number;
  @Field(() => Float, { description: "(approved + edited) / total" }) acceptanceRate!: number;
  @Field(() => [RejectReasonCount], { description: "Up to five, most frequent first" })
  topRejectReasons!: RejectReasonCount[];
}

@ObjectType()
export class ThroughputBucket {
  @Field(() => Date, { description: "Start of the hour or day (UTC)" }) bucketStart!: Date;
  @Field(() => Int) approved!: number;
  @Field(() => Int) edited!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int) published!: number;
  @Field(() => Int, { description: "approved + edited + rejected" }) total!: number;
}

@ObjectType()
export class QueueAgeBucket {
  @Field(() => String, { description: "LT_1H, H1_4, H4_12, H12_24, D1_3, GT_3D" }) key!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "How long the review queue's items have been waiting" })
export class ReviewQueueAge {
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: "Waiting 12–24 h" }) atRisk!: number;
  @Field(() => Int, { description: "Waiting > 24 h" }) breached!: number;
  @Field(() => Date, { nullable: true }) oldestCreatedAt!: Date | null;
  @Field(() => [QueueAgeBucket]) buckets!: QueueAgeBucket[];
}
