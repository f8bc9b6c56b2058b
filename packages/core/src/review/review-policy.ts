// Numbers of the review workflow that product and operations agree on; the API, the worker and the
// dashboard read them from here so a change is one edit.

/** How long a claim keeps an item for one moderator before others may take it. */
export const REVIEW_LEASE_SECONDS = 5 * 60;
/** How long after a decision (single or bulk) its batch can still be undone. */
export const UNDO_WINDOW_SECONDS = 30;
/** Items waiting longer than this are at risk of missing the review SLA. */
export const SLA_AT_RISK_HOURS = 12;
/** Items waiting longer than this have missed it. */
export const SLA_BREACHED_HOURS = 24;
/** Most items one bulk action may touch (one transaction). */
export const MAX_BULK_ITEMS = 500;
/** Longest text a moderator may submit as an edit (characters). */
export const MAX_VARIANT_TEXT_LENGTH = 20_000;
/** Longest decision comment. */
export const MAX_DECISION_COMMENT_LENGTH = 2_000;

export type TSlaStatus = "OK" | "AT_RISK" | "BREACHED";

const HOUR_MS = 3_600_000;

/** SLA state of an item that has waited `ageMs` (clock skew can make it negative: that is OK). */
export function slaStatus(ageMs: number): TSlaStatus {
  if (ageMs > SLA_BREACHED_HOURS * HOUR_MS) return "BREACHED";
  if (ageMs > SLA_AT_RISK_HOURS * HOUR_MS) return "AT_RISK";
  return "OK";
}

/**
 * Age buckets of the analysts' queue-age chart, upper bounds in hours (the last is open-ended).
 * They line up with the SLA thresholds so the chart shows what is at risk and what is late.
 */
export const QUEUE_AGE_BUCKETS: readonly { key: string; label: string; maxHours: number | null }[] = [
  { key: "LT_1H", label: "< 1 h", maxHours: 1 },
  { key: "H1_4", label: "1–4 h", maxHours: 4 },
  { key: "H4_12", label: "4–12 h", maxHours: SLA_AT_RISK_HOURS },
  { key: "H12_24", label: "12–24 h", maxHours: SLA_BREACHED_HOURS },
  { key: "D1_3", label: "1–3 d", maxHours: 72 },
  { key: "GT_3D", label: "> 3 d", maxHours: null },
];

/** The bucket an item of `ageMs` falls into (index into QUEUE_AGE_BUCKETS). */
export function queueAgeBucket(ageMs: number): number {
  const hours = ageMs / HOUR_MS;
  const i = QUEUE_AGE_BUCKETS.findIndex((b) => b.maxHours !== null && hours < b.maxHours);
  return i === -1 ? QUEUE_AGE_BUCKETS.length - 1 : i;
}

/** Whether a batch decided at `decidedAt` may still be undone at `now`. */
export function withinUndoWindow(decidedAt: Date, now: Date = new Date()): boolean {
  const elapsed = now.getTime() - decidedAt.getTime();
  return elapsed >= -5_000 && elapsed <= UNDO_WINDOW_SECONDS * 1000;
}

export const undoDeadline = (decidedAt: Date) => new Date(decidedAt.getTime() + UNDO_WINDOW_SECONDS * 1000);
