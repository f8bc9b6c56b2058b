// In-process notice that what may be served changed (a variant approved, published, reverted,
// undone…). Callers announce after their transaction committed; the API process forwards notices to
// every API process over Redis, whose serving caches drop the products concerned.

export type TServingChange = {
  productIds?: readonly string[];
  variantIds?: readonly string[];
  /** Audience definitions changed. */
  segments?: boolean;
};
type TListener = (change: TServingChange) => void;

const listeners = new Set<TListener>();

/** Registers a listener; returns the function that removes it. */
export function onServingChange(listener: TListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceServingChange(change: TServingChange): void {
  if (!change.productIds?.length && !change.variantIds?.length && !change.segments) return;
  for (const l of listeners) {
    try {
      l(change);
    } catch {
      // A listener's failure must not fail the decision that was already committed.
    }
  }
}
