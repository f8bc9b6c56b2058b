import { AppError } from "@truecopy/core";

// Opaque keyset cursors: (createdAt, id) of the last row seen, so pages stay stable under inserts.
export type TCursor = { at: Date; id: string };

export function encodeCursor(c: TCursor): string {
  return Buffer.from(JSON.stringify([c.at.toISOString(), c.id])).toString("base64url");
}

export function decodeCursor(s: string): TCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { at: date, id };
  } catch {
    throw new AppError("BAD_USER_INPUT", "invalid cursor: pass endCursor from a previous page");
  }
}

export function clampFirst(first: number | null | undefined, max = 100): number {
  if (first == null) return 20;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new AppError("BAD_USER_INPUT", `first must be between 0 and ${max}`);
  }
  return first;
}

/** Narrows `where` to the rows after the cursor in (createdAt desc, id desc) order. */
export function afterCursor<W extends object>(where: W, after: string | null | undefined): W | { AND: [W, object] } {
  if (!after) return where;
  const c = decodeCursor(after);
  return { AND: [where, { OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] }] };
}

export type TConnection<T> = {
  edges: { node: T; cursor: string }[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};

/** Builds a Relay connection from `take + 1` rows fetched in (createdAt desc, id desc) order. */
export function toConnection<T extends { id: string; createdAt: Date }>(
  rows: T[],
  take: number,
  totalCount: number,
  after: string | null | undefined,
): TConnection<T> {
  // Cursors are encoded when a client asks for them: most list reads never do.
  const edges = rows.slice(0, take).map((node) => ({
    node,
    get cursor() {
      return encodeCursor({ at: node.createdAt, id: node.id });
    },
  }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > take,
      hasPreviousPage: Boolean(after),
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}
