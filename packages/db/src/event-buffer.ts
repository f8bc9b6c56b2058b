import type pg from "pg";
import type { TShopperEvent } from "@truecopy/core";
import { insertEvents, type TEventInsertResult } from "./event.repo.js";

// Group commit for shopper events: batches that arrive while a write is in flight are merged into
// the next INSERT (per merchant scope), so many small POSTs cost few statements. Every caller's
// promise settles only once its own events are stored (or refused), so an acknowledged event is
// durable and a failed write is reported to each caller whose events it carried.

/** Accepted: stored now or before (a resend); refused: positions in the caller's array. */
export type TEventWriteResult = { accepted: number; refused: TEventInsertResult["refused"] };

type TPending = {
  events: readonly TShopperEvent[];
  resolve(r: TEventWriteResult): void;
  reject(e: unknown): void;
};

export type TEventBuffer = {
  write(events: readonly TShopperEvent[], scope: { merchantId: string | null }): Promise<TEventWriteResult>;
  /** Waits for writes in flight. */
  drain(): Promise<void>;
};

export function createEventBuffer(pool: pg.Pool, o: { maxRows?: number; maxConcurrent?: number } = {}): TEventBuffer {
  const maxRows = o.maxRows ?? 20_000;
  const maxConcurrent = o.maxConcurrent ?? 2;
  const queues = new Map<string, TPending[]>();
  const inFlight = new Set<Promise<void>>();
  let running = 0;

  const pump = () => {
    while (running < maxConcurrent) {
      const entry = [...queues.entries()].find(([, q]) => q.length);
      if (!entry) return;
      const [scopeKey, queue] = entry;
      const batch: TPending[] = [];
      let rows = 0;
      while (queue.length && (batch.length === 0 || rows + queue[0]!.events.length <= maxRows)) {
        const p = queue.shift()!;
        batch.push(p);
        rows += p.events.length;
      }
      running += 1;
      const all = batch.flatMap((p) => p.events);
      const task = insertEvents(pool, all, { merchantId: scopeKey || null })
        .then(
          (r) => {
            // Hand each caller the refusals of its own events, at its own positions.
            const refusedAt = new Map(r.refused.map((x) => [x.position, x.error]));
            let offset = 0;
            for (const p of batch) {
              const refused: TEventInsertResult["refused"] = [];
              for (let i = 0; i < p.events.length; i++) {
                const error = refusedAt.get(offset + i);
                if (error) refused.push({ position: i, error });
              }
              offset += p.events.length;
              p.resolve({ accepted: p.events.length - refused.length, refused });
            }
          },
          (e: unknown) => batch.forEach((p) => p.reject(e)),
        )
        .finally(() => {
          running -= 1;
          inFlight.delete(task);
          pump();
        });
      inFlight.add(task);
    }
  };

  return {
    write(events, scope) {
      if (!events.length) return Promise.resolve({ accepted: 0, refused: [] });
      return new Promise<TEventWriteResult>((resolve, reject) => {
        const key = scope.merchantId ?? "";
        const q = queues.get(key) ?? [];
        q.push({ events, resolve, reject });
        queues.set(key, q);
        pump();
      });
    },
    async drain() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
