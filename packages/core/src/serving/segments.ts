import { z } from "zod";

// Audiences (segments): a key the shop can pass explicitly (`segment=运动`) and rules that place a
// known shopper in it from their attributes or declared interests (运动, 健康, 时尚, 价格 …).
//
// rules = { priority?, all?: [cond], any?: [cond], none?: [cond] }; a shopper matches when every
// `all` condition holds, at least one `any` condition holds (if there are any), and no `none` one.
// Rules without conditions match nobody: such a segment is only ever chosen explicitly.

export const DEFAULT_SEGMENT = "default";
export const SEGMENT_KEY_RE = /^[\p{L}\p{N}_.:-]{1,64}$/u;

const ZScalar = z.union([z.string().max(200), z.number(), z.boolean()]);
export type TSegmentCondition =
  | { interest: string }
  | { attribute: string; op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte"; value: string | number | boolean }
  | { attribute: string; op: "in" | "nin"; value: (string | number | boolean)[] }
  | { attribute: string; op: "exists" }
  | { attribute: string; op: "contains"; value: string };

const attribute = z.string().min(1).max(100);
export const ZSegmentCondition: z.ZodType<TSegmentCondition> = z.union([
  z.strictObject({ interest: z.string().trim().min(1).max(100) }),
  z.strictObject({ attribute, op: z.enum(["eq", "ne", "gt", "gte", "lt", "lte"]), value: ZScalar }),
  z.strictObject({ attribute, op: z.enum(["in", "nin"]), value: z.array(ZScalar).min(1).max(200) }),
  z.strictObject({ attribute, op: z.literal("exists") }),
  z.strictObject({ attribute, op: z.literal("contains"), value: z.string().max(200) }),
]);

export const ZSegmentRules = z.strictObject({
  priority: z.number().int().min(-1000).max(1000).optional(),
  all: z.array(ZSegmentCondition).max(50).optional(),
  any: z.array(ZSegmentCondition).max(50).optional(),
  none: z.array(ZSegmentCondition).max(50).optional(),
});
export type TSegmentRules = z.infer<typeof ZSegmentRules>;

export type TShopperProfile = { attributes: Record<string, unknown>; interests: readonly string[] };

const norm = (s: string) => s.normalize("NFKC").trim().toLowerCase();

function holds(c: TSegmentCondition, s: TShopperProfile): boolean {
  if ("interest" in c) {
    const want = norm(c.interest);
    return s.interests.some((i) => norm(i) === want);
  }
  const v = s.attributes[c.attribute];
  switch (c.op) {
    case "exists":
      return v !== undefined && v !== null && v !== "";
    case "eq":
      return v === c.value || (typeof v === "string" && typeof c.value === "string" && norm(v) === norm(c.value));
    case "ne":
      return !holds({ ...c, op: "eq" }, s);
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const a = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      const b = typeof c.value === "number" ? c.value : Number(c.value);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return c.op === "gt" ? a > b : c.op === "gte" ? a >= b : c.op === "lt" ? a < b : a <= b;
    }
    case "in":
    case "nin": {
      const values = Array.isArray(v) ? v : [v];
      const hit = c.value.some((x) =>
        values.some((y) => y === x || (typeof x === "string" && typeof y === "string" && norm(x) === norm(y))),
      );
      return c.op === "in" ? hit : !hit;
    }
    case "contains":
      return Array.isArray(v)
        ? v.some((x) => typeof x === "string" && norm(x) === norm(c.value))
        : typeof v === "string" && norm(v).includes(norm(c.value));
  }
}

export function matchesSegment(rules: TSegmentRules, shopper: TShopperProfile): boolean {
  const all = rules.all ?? [];
  const any = rules.any ?? [];
  if (!all.length && !any.length) return false;
  return (
    all.every((c) => holds(c, shopper)) &&
    (!any.length || any.some((c) => holds(c, shopper))) &&
    !(rules.none ?? []).some((c) => holds(c, shopper))
  );
}

/** The first matching segment by priority (highest first), then key; DEFAULT_SEGMENT when none does. */
export function resolveSegment(
  segments: readonly { key: string; rules: TSegmentRules }[],
  shopper: TShopperProfile,
): string {
  const sorted = [...segments].sort(
    (a, b) => (b.rules.priority ?? 0) - (a.rules.priority ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return sorted.find((s) => matchesSegment(s.rules, shopper))?.key ?? DEFAULT_SEGMENT;
}

/** Stored rules that no longer parse are treated as matching nobody rather than failing a request. */
export function parseSegmentRules(value: unknown): TSegmentRules {
  const r = ZSegmentRules.safeParse(value ?? {});
  return r.success ? r.data : {};
}
