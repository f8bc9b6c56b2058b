// The difference between an audit event's before and after JSON, as one line per changed leaf path
// ("status", "attributes.颜色", "tags[2]"), for the audit page.

export type TJsonChange = { path: string; kind: "added" | "removed" | "changed"; before?: unknown; after?: unknown };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

export function jsonDiff(before: unknown, after: unknown, path = ""): TJsonChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const inBefore = Object.hasOwn(before, key);
      const inAfter = Object.hasOwn(after, key);
      if (!inBefore) return [{ path: join(path, key), kind: "added" as const, after: after[key] }];
      if (!inAfter) return [{ path: join(path, key), kind: "removed" as const, before: before[key] }];
      return jsonDiff(before[key], after[key], join(path, key));
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => {
      if (index >= before.length) return [{ path: join(path, index), kind: "added" as const, after: after[index] }];
      if (index >= after.length) return [{ path: join(path, index), kind: "removed" as const, before: before[index] }];
      return jsonDiff(before[index], after[index], join(path, index));
    }).flat();
  }
  if (before === undefined && after === undefined) return [];
  if (before === undefined || before === null) {
    if (after === null) return [];
    return [{ path: path || "(value)", kind: "added", after }];
  }
  if (after === undefined || after === null) return [{ path: path || "(value)", kind: "removed", before }];
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ path: path || "(value)", kind: "changed", before, after }];
}

/** A JSON value on one line, cut to `max` characters. */
export function jsonPreview(value: unknown, max = 120): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
