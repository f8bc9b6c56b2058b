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
