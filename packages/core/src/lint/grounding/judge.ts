import { judgeFact, sameValue, type TIndexedAttribute, type TValueFact } from "../../analysis/attribute-comparison.js";
import { matches } from "../../analysis/attribute-matching.js";
import type { TAttributeFact, TAttributeFactAt } from "../../analysis/attribute-extractor.js";
import { isWeave, materialFamily, relateMaterials } from "../../analysis/attribute-materials.js";
import { countryOf, relatePlaces } from "../../analysis/attribute-places.js";
import type { TEvidence, TGroundingStatus } from "../types.js";
import { CAPABILITIES, GRAPHICS_CHIP, NUTRIENTS, type TCapability } from "./claim-vocabulary.js";
import type { TClaimDraft } from "./claims.js";
import {
  attributesMentioning,
  compact,
  countStem,
  reviewPraising,
  type TProductAttribute,
  type TProductData,
} from "./product-data.js";

/**
 * Why a claim got its status. unsupported: `absent` (no attribute speaks to it), `narrower` (the
 * attribute says less: 棉 for 埃及棉), `unlisted` (an attribute of the kind exists but neither states
 * nor denies it), `no_data` (no attributes were given), `subjective` (praise no attribute can state).
 */
export type TReason = "supported" | "contradicted" | "absent" | "narrower" | "unlisted" | "no_data" | "subjective";

export type TJudgement = {
  status: TGroundingStatus;
  reason: TReason;
  /** For an unsupported claim: a concrete fact (a warning) rather than a soft or unjudgeable one (INFO). */
  strong: boolean;
  evidence: TEvidence[];
  /** The attribute the message cites. */
  attribute?: TIndexedAttribute;
  /** The value of that attribute the claim was compared with. */
  valueFact?: TValueFact;
};

export type TJudgeContext = {
  data: TProductData;
  reviews: readonly { id?: string; text: string }[] | undefined;
  /** The normalised text and the clause around the claim, lower-cased. */
  text: string;
  clause: string;
  /** The few characters after the claim, lower-cased (what the material is said of: "真皮鞋面"). */
  after: string;
  /** Every attribute fact found in the text (a claim's neighbours: "红色米色" names two colours). */
  facts: readonly TAttributeFactAt[];
};

const show = (v: unknown): string => (Array.isArray(v) ? v.map(String).join("、") : String(v));
export const attributeEvidence = (a: TIndexedAttribute): TEvidence => ({
  source: "attribute",
  name: a.name,
  value: show(a.value),
});

const supported = (a?: TIndexedAttribute, valueFact?: TValueFact): TJudgement => ({
  status: "SUPPORTED",
  reason: "supported",
  strong: true,
  evidence: a ? [attributeEvidence(a)] : [],
  ...(a ? { attribute: a } : {}),
  ...(valueFact ? { valueFact } : {}),
});
const contradicted = (
  a: TIndexedAttribute,
  valueFact?: TValueFact,
  also: readonly TIndexedAttribute[] = [],
): TJudgement => ({
  status: "CONTRADICTED",
  reason: "contradicted",
  strong: true,
  evidence: [a, ...also.filter((x) => x !== a)].map(attributeEvidence),
  attribute: a,
  ...(valueFact ? { valueFact } : {}),
});
const unsupported = (reason: TReason, strong: boolean, a?: TIndexedAttribute, valueFact?: TValueFact): TJudgement => ({
  status: "UNSUPPORTED",
  reason,
  strong,
  evidence: a ? [attributeEvidence(a)] : [],
  ...(a ? { attribute: a } : {}),
  ...(valueFact ? { valueFact } : {}),
});

// Keys a measurement gets when nothing around it says what it measures: any attribute stating the
// same value backs it ("8kg飞轮" with 飞轮: 8kg).
const GENERIC_KEYS = new Set([
  "duration",
  "weight",
  "length",
  "volume",
  "dimensions",
  "frequency",
  "pressure",
  "speed",
  "temperature",
  "area",
  "storage",
]);
// Units that measure one thing only: a battery's mAh, a sunscreen's SPF, a Bluetooth version.
const EXCLUSIVE_UNITS = new Set(["mAh", "Wh", "SPF", "PA", "Ra", "version"]);
// Facts copy states that are codes or labels rather than product properties: unjudged when absent.
const WEAK_FACT_KEYS = new Set(["model", "size", "garment_length"]);

// Another fact of the same kind in the text agrees with the attribute.
function agreesElsewhere(f: TAttributeFact, a: TIndexedAttribute, ctx: TJudgeContext): boolean {
  return ctx.facts.some(
    (g) => g !== f && g.key === f.key && g.start !== f.start && judgeFact(g, [a]).status === "agree",
  );
}

// A colour in copy names the product's colour as often as a print's, a trim's or a lining's: only
// a colour contradicted by the attribute, with no colour in the copy that agrees, is a warning.
function judgeColour(f: TAttributeFact, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  const same = (data.factsByKey.get("colour") ?? []).find((x) => sameValue(f, x.f));
  if (same) return supported(same.a, same.f);
  const written = loose(f.value);
  const named = data.attributes.find((a) => a.compact.includes(written));
  if (named) return supported(named);
  const attrs = data.byKey.get("colour") ?? [];
  const verdict = judgeFact(f, attrs);
  if (verdict.status === "agree") return supported(verdict.attribute, verdict.valueFact);
  if (
    verdict.status === "contradict" &&
    verdict.attribute &&
    f.normalized !== "clear" &&
    !agreesElsewhere(f, verdict.attribute, ctx)
  ) {
    return contradicted(verdict.attribute, verdict.valueFact);
  }
  return unsupported(attrs.length ? "unlisted" : "absent", false, attrs[0]);
}

/** Judges one claim against the product's attributes and reviews. */
export function judge(draft: TClaimDraft, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  if (draft.type === "subjective") return judgeSubjective(draft, ctx);
  if (!data.given) {
    // Without product data only reviews can speak, and only to experience.
    if (draft.type === "effect" || draft.type === "reviews") {
      const quote = reviewPraising(
        ctx.reviews,
        "general",
        effectWords(draft.type === "effect" ? draft.words : (draft.subject ?? "")),
      );
      if (quote) return reviewSupported(quote);
    }
    return unsupported("no_data", false);
  }
  switch (draft.type) {
    case "fact":
      return judgeFactClaim(draft, ctx);
    case "capability":
      return judgeCapability(draft.capability, ctx);
    case "nutrition":
      return judgeNutrition(draft, ctx);
    case "efficacy":
      return judgeEfficacy(draft, ctx);
    case "concentration":
      return judgeConcentration(draft, ctx);
    case "processor":
      return judgeProcessor(draft.name, ctx);
    case "effect":
      return judgeEffect(draft, ctx);
    case "price":
      return judgePrice(draft, ctx);
    case "discount":
      return judgeDiscount(draft.words, ctx);
    case "compatibility":
      return judgeCompatibility(draft.target, ctx);
    case "count":
      return judgeCount(draft, ctx);
    case "reviews":
      return judgeReviews(draft, ctx);
  }
}

function reviewSupported(quote: { reviewId?: string; text: string }): TJudgement {
  return {
    status: "SUPPORTED",
    reason: "supported",
    strong: true,
    evidence: [{ source: "review", ...(quote.reviewId ? { reviewId: quote.reviewId } : {}), quote: quote.text }],
  };
}

// An attribute is "named" in a clause when its name appears there: "最大承重150kg", "32 GB RAM".
// An attribute is "named" in a clause when the words of its name appear there: "最大承重150kg",
// "32 GB RAM", "单片发热12小时" for 发热时长 (see product-data.ts for the words).
function namedIn(a: TProductAttribute, clause: string): boolean {
  if (a.nameWords.length === 0) return false;
  if (!a.nameLatin) return a.nameWords.some((w) => clause.includes(w));
  return a.nameWords.every((w) => {
    for (let i = clause.indexOf(w); i >= 0; i = clause.indexOf(w, i + 1)) {
      const c = clause.charCodeAt(i - 1);
      if (i === 0 || !((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return true;
    }
    return false;
  });
}

function judgeFactClaim(draft: Extract<TClaimDraft, { type: "fact" }>, ctx: TJudgeContext): TJudgement {
  const f = draft.fact;
  if (typeof f.normalized === "number") return judgeMeasurement(f, draft.incidental === true, ctx);
  switch (f.key) {
    case "material":
      return judgeMaterial(f, ctx);
    case "origin":
      return judgeOrigin(f, draft.marked === true, ctx);
    case "colour":
      return judgeColour(f, ctx);
    case "certification":
      return judgeCertification(f, ctx);
    case "harvest": {
      // A year the data gives in any attribute (生产日期: 2023年10月) backs "2023年新米".
      const verdict = judgeByKindOrText(f, ctx, true);
      const year = String(f.normalized).split(":")[0];
      if (verdict.status === "UNSUPPORTED" && verdict.reason === "absent" && year) {
        const dated = ctx.data.attributes.find((a) => a.text.includes(year));
        if (dated) return supported(dated);
      }
      return verdict;
    }
    case "water_resistance":
      if (f.unit === "level") return judgeWater({ need: f.normalized === "waterproof" ? 7 : 4, words: [] }, ctx);
      return judgeByKindOrText(f, ctx, true);
    case "dimensions":
      return judgeDimensions(f, ctx);
    case "fragrance_free": {
      // "fragrance free" against fragrance: none — the data says the same in other words.
      const none = ctx.data.attributes.find(
        (a) =>
          /fragrance|scent|香精|香料|香味|香型/.test(a.lname) &&
          (a.polarity === "no" || /none|free|unscented|无|不含/.test(a.text)),
      );
      if (none && f.normalized === "yes") return supported(none);
      return judgeByKindOrText(f, ctx, true);
    }
    default:
      return judgeByKindOrText(f, ctx, !WEAK_FACT_KEYS.has(f.key));
  }
}

function judgeMeasurement(f: TAttributeFact, incidental: boolean, ctx: TJudgeContext): TJudgement {
  const { data, clause } = ctx;
  const sameUnit = f.unit ? (data.factsByUnit.get(f.unit) ?? []) : [];
  const equal = sameUnit.filter((x) => sameValue(f, x.f));
  const generic = GENERIC_KEYS.has(f.key);
  const named = (x: { a: TProductAttribute }): boolean => namedIn(x.a, clause);
  const sameKey = data.byKey.get(f.key) ?? [];

  // A unit that measures one thing only (mAh, SPF, PA) needs no name to match.
  const exclusive = f.unit !== undefined && EXCLUSIVE_UNITS.has(f.unit);
  const eq =
    equal.find((x) => x.a.key === f.key) ??
    equal.find(named) ??
    (generic || exclusive ? equal[0] : equal.find((x) => !x.a.key || GENERIC_KEYS.has(x.a.key)));
  if (eq) return supported(eq.a, eq.f);

  // An outcome or an instruction ("30天瘦10斤", "静置24小时") is not the product's measurement.
  if (incidental) return unsupported("absent", false);
  const verdict = judgeFact(f, sameKey);
  if (verdict.status === "contradict" && verdict.attribute) {
    const others = sameKey.filter((a) => a.facts.some((x) => x.unit === f.unit));
    return contradicted(verdict.attribute, verdict.valueFact, others);
  }
  const namedDiffering = sameUnit.find(named);
  if (namedDiffering) return contradicted(namedDiffering.a, namedDiffering.f);
  if (exclusive && sameUnit.length > 0)
    return contradicted(
      sameUnit[0]!.a,
      sameUnit[0]!.f,
      sameUnit.map((x) => x.a),
    );
  // An adult age ("适合25-35岁女性") describes an audience, not a product limit; a duration nothing
  // names ("7天见效", "3分钟吹干", "限时3天") is an outcome, a usage or a deadline as often as a spec.
  const audience = f.key === "age" && Number(f.normalized) > 18 * 8760;
  return unsupported("absent", !incidental && !audience && f.key !== "duration");
}

function judgeMaterial(f: TAttributeFact, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  const claimed = String(f.normalized);
  const materials = data.factsByKey.get("material") ?? [];
  const same = materials.find((x) => relateMaterials(claimed, String(x.f.normalized)) === "same");
  if (same) {
    const verdict = judgeFact(f, data.byKey.get("material") ?? []);
    // "纯棉" (pure cotton) against a blend.
    if (verdict.status === "contradict" && verdict.attribute) return contradicted(verdict.attribute, verdict.valueFact);
    return supported(same.a, same.f);
  }
  // A word naming the material outright in an attribute whose value names no known material
  // ("wax: soy" does; "walnut veneer" names veneer, not walnut).
  const surface = f.value.toLowerCase();
  const named = data.attributes.find((a) => a.text.includes(surface) && !a.facts.some((x) => x.key === "material"));
  if (named) return supported(named);
  if (f.part) {
    const ofPart = data.attributes.filter((a) => a.lname.includes(f.part!.toLowerCase()));
    const verdict = judgeFact(
      { ...f, part: undefined },
      ofPart.map((a) => ({ ...a, key: "material" as const })),
    );
    if (verdict.status === "contradict" && verdict.attribute) return contradicted(verdict.attribute, verdict.valueFact);
    const unknown = unknownMaterial(f, ofPart);
    if (unknown && verdict.status !== "agree") return contradicted(unknown);
    return unsupported(ofPart.length ? "unlisted" : "absent", false, ofPart[0]);
  }
  // An attribute named where the material is ("蓝宝石镜面" and 镜面: 矿物玻璃) speaks for that part.
  const namedParts = data.attributes.filter(
    (a) => a.key !== "material" && namedIn(a, ctx.clause) && a.facts.some((x) => x.key === "material"),
  );
  const materialAttrs = [...(data.byKey.get("material") ?? []), ...namedParts];
  const verdict = judgeFact(f, materialAttrs);
  if (verdict.status === "contradict" && verdict.attribute) {
    // The copy also names the attribute's material ("羊毛面料加入了少量的尼龙"): a blend or a part, not a contradiction.
    if (!f.qualifier && agreesElsewhere(f, verdict.attribute, ctx))
      return unsupported("unlisted", true, verdict.attribute);
    return contradicted(verdict.attribute, verdict.valueFact);
  }
  if (verdict.narrower && verdict.attribute) return unsupported("narrower", true, verdict.attribute, verdict.valueFact);
  if (verdict.status !== "agree") {
    // The product's material, or that of a part the clause names ("leather uppers" and upper: …).
    // Only where the material is what the copy says the thing is made of: said alone ("头层真皮，"),
    // as the product's material (真皮材质) or followed by the part ("真皮鞋面"), never a trim or a
    // figure of speech ("金属鸡眼", "黄金身材").
    const after = ctx.after.trimStart();
    const alone = f.made === true || MATERIAL_ALONE_AFTER.test(after);
    const own = materialAttrs.filter(
      (a) => (alone && OWN_MATERIAL_NAME.test(a.lname)) || (a.lname.length > 1 && after.startsWith(a.lname)),
    );
    const other = unknownMaterial(f, own) ?? otherFamily(f, own);
    if (other) return contradicted(other);
  }
  // An attribute named for another part alone (sole: rubber) does not speak to the claim.
  const listing = materialAttrs.filter((a) => MATERIAL_WORD_IN_NAME.test(a.lname) || namedIn(a, ctx.clause));
  if (listing.length) return unsupported("unlisted", f.made === true, listing[0]);
  return unsupported("absent", true);
}

const MATERIAL_WORD_IN_NAME = /材质|材料|面料|面材|material|fabric|upholstery|coating|涂层|\bwax\b/;

// The product's (or the named part's) material attribute names only materials of other families:
// 真皮 against 鞋面: 飞织, 实木 against 框架: 金属. A knit or weave can be of any fibre, so it does not
// disagree with a fibre (羊毛 and 针织).
function otherFamily(f: TAttributeFact, attrs: readonly TProductAttribute[]): TProductAttribute | undefined {
  const claimed = String(f.normalized);
  const family = materialFamily(claimed);
  if (family === "weave") return undefined;
  const surface = f.value.toLowerCase();
  return attrs.find((a) => {
    if (a.text.includes(surface) || NOT_A_MATERIAL.test(a.text)) return false;
    const ms = a.facts.filter((x) => x.key === "material");
    return (
      ms.length > 0 &&
      ms.every((x) => {
        const fam = materialFamily(String(x.normalized));
        return fam !== family && !(family === "textile" && fam === "weave");
      })
    );
  });
}

const MATERIAL_ALONE_AFTER = /^(?:$|[，,。.;；!！?？、\n]|材质|材料|面料|制成|制作|打造|made\b|material)/;
const OWN_MATERIAL_NAME = /^(?:材质|主要材质|面料|材料|material|materials|main material|fabric|upholstery)$/;
// Values that say nothing about what the thing is made of, or say it is a mix the claim may be part of.
const NOT_A_MATERIAL =
  /混纺|混合|复合|拼接|其他|其它|多种|详见|见|可调|可拆|可替换|blend|mix|composite|other|various|see |adjustab|removab|detachab|interchangeab|n\/a|none/;

// A material attribute whose value the materials tree does not know (科技布, "synthetic mesh") still
// names what the product or part is made of: copy naming a material of its own (真皮, "leather")
// disagrees with it. Weaves say how a fabric is made, not from what, and never disagree.
function unknownMaterial(f: TAttributeFact, attrs: readonly TProductAttribute[]): TProductAttribute | undefined {
  if (isWeave(String(f.normalized))) return undefined;
  const surface = f.value.toLowerCase();
  return attrs.find(
    (a) =>
      a.polarity === null &&
      a.text.length > 0 &&
      !a.facts.some((x) => x.key === "material") &&
      !a.text.includes(surface) &&
      !/\d/.test(a.text) &&
      !NOT_A_MATERIAL.test(a.text),
  );
}

function judgeOrigin(f: TAttributeFact, marked: boolean, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  const claimed = String(f.normalized);
  const places = data.factsByKey.get("origin") ?? [];
  // A place any attribute names (品种: 五常稻花香) or contains (产地: 新疆若羌 for 新疆).
  const same = places.find((x) => {
    const p = String(x.f.normalized);
    if (claimed === "imported") return p !== "domestic" && p !== "imported" && countryOf(p) !== "cn";
    if (claimed === "domestic") return p !== "imported" && p !== "domestic" && countryOf(p) === "cn";
    return p !== "imported" && p !== "domestic" && relatePlaces(claimed, p) === "same";
  });
  if (same) return supported(same.a, same.f);
  const originAttrs = data.byKey.get("origin") ?? [];
  const verdict = judgeFact(f, originAttrs);
  if (verdict.status === "agree") return supported(verdict.attribute, verdict.valueFact);
  if (verdict.status === "contradict" && verdict.attribute) return contradicted(verdict.attribute, verdict.valueFact);
  if (verdict.narrower && verdict.attribute) return unsupported("narrower", true, verdict.attribute, verdict.valueFact);
  const surface = f.value.toLowerCase();
  const named = data.attributes.find((a) => a.text.includes(surface));
  if (named) return supported(named);
  if (originAttrs.length) return unsupported("unlisted", false, originAttrs[0]);
  return unsupported("absent", marked);
}

// Colours, ratings, SPF, harvests, sizes, features: the attributes of the same kind decide; else an
// attribute that names the value as written backs it.
function judgeByKindOrText(f: TAttributeFact, ctx: TJudgeContext, strong: boolean): TJudgement {
  const { data } = ctx;
  const sameKind = (data.factsByKey.get(f.key) ?? []).find((x) => sameValue(f, x.f));
  if (sameKind) return supported(sameKind.a, sameKind.f);
  const attrs = data.byKey.get(f.key) ?? [];
  const verdict = judgeFact(f, attrs);
  if (verdict.status === "agree") return supported(verdict.attribute, verdict.valueFact);
  if (verdict.status === "contradict" && verdict.attribute) return contradicted(verdict.attribute, verdict.valueFact);
  if (verdict.narrower && verdict.attribute) return unsupported("narrower", true, verdict.attribute, verdict.valueFact);
  const value = loose(String(f.normalized ?? f.value));
  const written = loose(f.value);
  const named =
    value.length >= 2
      ? data.attributes.find((a) => a.compact.includes(value) || a.compact.includes(written))
      : undefined;
  if (named) return supported(named);
  if (attrs.length) return unsupported("unlisted", false, attrs[0]);
  return unsupported("absent", strong);
}

const loose = compact;

function judgeCertification(f: TAttributeFact, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  const claimed = String(f.normalized);
  const [type, number] = splitRegistration(claimed);
  for (const x of data.facts) {
    if (x.f.key !== "certification") continue;
    const [t, n] = splitRegistration(String(x.f.normalized));
    if (t !== type) continue;
    if (number && n && number !== n) return contradicted(x.a, x.f);
    return supported(x.a, x.f);
  }
  const [c1, c2] = [loose(claimed), loose(f.value)];
  const named = data.attributes.find((a) => a.compact.includes(c1) || a.compact.includes(c2));
  if (named) return supported(named);
  const certAttrs = data.byKey.get("certification") ?? [];
  const denied = certAttrs.find((a) => a.polarity === "no");
  if (denied) return contradicted(denied);
  // Standards a product is made to (GB/T, ISO) are labels more than claims.
  const standard = /^(?:GB|ISO)/.test(claimed);
  if (certAttrs.length) return unsupported("unlisted", !standard, certAttrs[0]);
  return unsupported("absent", !standard);
}

const splitRegistration = (v: string): [string, string] => {
  const m = /^(.*?)\s([A-Z]?\d{6,})$/.exec(v);
  return m ? [m[1]!, m[2]!] : [v, ""];
};

function judgeDimensions(f: TAttributeFact, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  const dims = (v: unknown): number[] =>
    String(v)
      .split("x")
      .map(Number)
      .sort((a, b) => a - b);
  const claimed = dims(f.normalized);
  const fits = (x: TValueFact): boolean => {
    const d = dims(x.normalized);
    return (
      d.length === claimed.length &&
      d.every((v, i) => Math.abs(v - claimed[i]!) <= 0.02 * Math.max(v, claimed[i]!) + 1e-6)
    );
  };
  const all = data.factsByKey.get("dimensions") ?? [];
  const same = all.find((x) => fits(x.f));
  if (same) return supported(same.a, same.f);
  const keyed = all.filter((x) => x.a.key === "dimensions" && x.a.facts.length === 1);
  if (keyed.length) return contradicted(keyed[0]!.a, keyed[0]!.f);
  return unsupported("absent", true);
}

// Water resistance on the IPX scale, from ratings (IPX4, IP68, 5ATM, 50 m) and level words.
function waterLevel(f: TValueFact): number | null {
  const v = String(f.normalized);
  const ip = /^IP[0-6X]([0-9X])$/.exec(v);
  if (ip) return ip[1] === "X" ? 0 : Number(ip[1]);
  const atm = /^(\d+)ATM$/.exec(v);
  if (atm) return Number(atm[1]) >= 5 ? 8 : Number(atm[1]) >= 3 ? 5 : 4;
  const metres = /^(\d+(?:\.\d+)?)m$/.exec(v);
  if (metres) return Number(metres[1]) >= 1 ? 8 : 7;
  if (v === "splash_resistant") return 4;
  if (v === "waterproof") return 7;
  return null;
}

function judgeWater(need: { need: number; words: readonly string[] }, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  const rated = data.facts.flatMap((x) => {
    if (x.f.key !== "water_resistance") return [];
    const level = waterLevel(x.f);
    return level === null ? [] : [{ ...x, level }];
  });
  const denied = (data.byKey.get("water_resistance") ?? []).find(
    (a) => a.polarity === "no" || /不防水|not water/.test(a.text),
  );
  if (rated.length) {
    const best = rated.reduce((p, q) => (q.level > p.level ? q : p));
    return best.level >= need.need ? supported(best.a, best.f) : contradicted(best.a, best.f);
  }
  if (denied) return contradicted(denied);
  const mention = need.words.length
    ? attributesMentioning(ctx.data, need.words).find((a) => a.polarity !== "no")
    : undefined;
  if (mention) return supported(mention);
  return unsupported("absent", true);
}

// Capability words as patterns: a Latin word must start a word ("ips" is not in "chips"), and may
// run on ("recycl" finds recycled); Chinese words match anywhere.
const wordsPattern = (words: readonly string[]): RegExp | null =>
  words.length
    ? new RegExp(
        words
          .map((w) => (/^[a-z0-9]/i.test(w) ? `(?<![a-z0-9])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}` : w))
          .join("|"),
      )
    : null;
const CAPABILITY_PATTERNS = new Map(
  CAPABILITIES.map((c) => [c.id, { support: wordsPattern(c.support), deny: wordsPattern(c.deny ?? []) }] as const),
);

function judgeCapability(c: TCapability, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  const { support, deny } = CAPABILITY_PATTERNS.get(c.id)!;
  const denied = data.attributes.find(
    (a) => (deny !== null && deny.test(a.text)) || (a.polarity === "no" && support !== null && support.test(a.lname)),
  );
  if (denied) return contradicted(denied);
  if (c.water !== undefined) return judgeWater({ need: c.water, words: c.support }, ctx);
  if (c.dust !== undefined) {
    const ip = data.facts.find((x) => x.f.key === "water_resistance" && /^IP[0-6]/.test(String(x.f.normalized)));
    if (ip) return Number(String(ip.f.normalized)[2]) >= c.dust ? supported(ip.a, ip.f) : contradicted(ip.a, ip.f);
  }
  const backing =
    support === null
      ? undefined
      : data.attributes.find((a) => a.polarity !== "no" && (support.test(a.lname) || support.test(a.text)));
  if (backing) return supported(backing);
  return unsupported("absent", !c.soft);
}

// A processor or graphics chip names one part: the attribute for that part must name the same.
const PROCESSOR_NAME = /处理器|芯片|cpu|processor|chip|soc|平台/;
const GRAPHICS_NAME = /显卡|gpu|graphics/;
function judgeProcessor(name: string, ctx: TJudgeContext): TJudgement {
  const wanted = loose(name);
  const same = ctx.data.attributes.find((a) => a.compact.includes(wanted));
  if (same) return supported(same);
  const part = GRAPHICS_CHIP.test(name) ? GRAPHICS_NAME : PROCESSOR_NAME;
  const stated = ctx.data.attributes.find((a) => part.test(a.lname));
  if (stated) return contradicted(stated);
  return unsupported("absent", true);
}

function judgeNutrition(draft: Extract<TClaimDraft, { type: "nutrition" }>, ctx: TJudgeContext): TJudgement {
  const { data, text } = ctx;
  const claimText = text.slice(draft.nStart, draft.nEnd);
  const wanted = loose(claimText);
  const worded = data.attributes.find((a) => a.compact.includes(wanted));
  if (worded) return supported(worded);
  const def = NUTRIENTS[draft.nutrient];
  const surfaces = def?.surfaces.map((s) => s.toLowerCase()) ?? [draft.nutrient];
  const about = data.attributes.filter(
    (a) => (def?.key && a.key === def.key) || surfaces.some((s) => s.length >= 2 && a.lname.includes(s)),
  );
  if (draft.mode === "low" && def?.lowAtMost !== undefined) {
    for (const a of about) {
      const amounts = a.facts.filter((f) => typeof f.normalized === "number");
      if (amounts.length) {
        const over = amounts.find((f) => (f.normalized as number) > def.lowAtMost!);
        return over ? contradicted(a, over) : supported(a, amounts[0]);
      }
    }
  }
  if (draft.mode === "zero" && def) {
    for (const a of about) {
      if (a.polarity === "no") return supported(a);
      const amounts = a.facts
        .filter((f) => typeof f.normalized === "number")
        .map((f) => ({ f, v: f.normalized as number }));
      const bare = /^\s*0(?:\.0+)?\s*$/.test(a.text);
      if (bare) return supported(a);
      if (amounts.length) {
        const over = amounts.find((x) => x.v > def.zeroAtMost);
        return over ? contradicted(a, over.f) : supported(a, amounts[0]!.f);
      }
    }
    if (def.ingredients) {
      const lists = data.attributes.filter((a) => /配料|成分|原料|过敏原|ingredient|allergen|contains/.test(a.lname));
      const listed = lists.find((a) => def.ingredients!.test(a.text));
      if (listed) return contradicted(listed);
      // "0添加蔗糖", "no added sugar", "不含酒精": an ingredient list without it backs the claim
      // (sugar-free in total is a matter of the nutrition figures, not of the list).
      if (lists[0] && (/添加|added/i.test(claimText) || !def.key)) return supported(lists[0]);
    }
  }
  if (about.length) return unsupported("unlisted", draft.mode === "zero", about[0]);
  return unsupported("absent", true);
}

function judgeEfficacy(draft: Extract<TClaimDraft, { type: "efficacy" }>, ctx: TJudgeContext): TJudgement {
  const { data } = ctx;
  const amount = Number(draft.amount);
  const percent = draft.unit === "%";
  const stated = data.attributes.find((a) => a.numbers.some((n) => n.value === amount && (!percent || n.mark === "%")));
  if (stated) return supported(stated);
  // The same rate with another figure: 除菌率 99% in the data, 99.99% in the copy.
  if (draft.subject && /率$/.test(draft.subject)) {
    const rate = data.attributes.find((a) => a.text.includes(draft.subject) || a.lname.includes(draft.subject));
    if (rate && /\d+(?:\.\d+)?\s?%/.test(rate.text)) return contradicted(rate);
  }
  // A registration or a test report is the substantiation the figure needs (an EPA-registered
  // disinfectant may say "kills 99.9% of germs"; 消字号, 检测报告).
  const substantiated = data.attributes.find((a) => SUBSTANTIATION.test(a.lname) || SUBSTANTIATION.test(a.text));
  if (substantiated) return supported(substantiated);
  return unsupported("absent", true);
}

const SUBSTANTIATION =
  /\bepa\b|registration|reg\.? no|test report|lab[- ]tested|third[- ]party tested|clinical (?:study|trial)|检测报告|检测|检验报告|消字号|卫消证字|批准文号|注册证|备案号/i;

const EFFECT_WORDS =
  /补涂|补妆|脱妆|掉妆|掉色|晕染|花妆|脱色|卡粉|持妆|控油|保湿|补水|留香|锁水|保温|保冷|防晒|wear|hold|moistur|hydrat|protect|coverage|fresh|oil|reappl|touch[- ]?up|smudge|transfer|crease|budge|lasting|lasts/gi;
const effectWords = (words: string): string[] => [
  ...new Set([...matches(EFFECT_WORDS, words)].map((m) => m[0].toLowerCase())),
];

function judgeEffect(draft: Extract<TClaimDraft, { type: "effect" }>, ctx: TJudgeContext): TJudgement {
  const keys = effectWords(draft.words);
  const stated = keys.length ? attributesMentioning(ctx.data, keys) : [];
  // "24小时保温" against 保温时长: 12小时 — the hours decide.
  const hours = ctx.facts.find((f) => f.unit === "h" && f.nStart >= draft.nStart && f.nEnd <= draft.nEnd);
  if (hours) {
    const timed = stated.flatMap((a) => a.facts.filter((x) => x.unit === "h").map((x) => ({ a, x })));
    const same = timed.find(({ x }) => sameValue(hours, x));
    if (same) return supported(same.a, same.x);
    if (timed.length) return contradicted(timed[0]!.a, timed[0]!.x);
  }
  if (stated[0]) return supported(stated[0]);
  const quote = reviewPraising(ctx.reviews, "general", keys);
  if (quote) return reviewSupported(quote);
  return unsupported("absent", true);
}

// An ingredient's share: an attribute stating the same figure backs it, one naming the ingredient
// with another figure contradicts it.
function judgeConcentration(draft: Extract<TClaimDraft, { type: "concentration" }>, ctx: TJudgeContext): TJudgement {
  const amount = Number(draft.amount);
  const percents = (a: TProductAttribute): number[] => a.numbers.filter((n) => n.mark === "%").map((n) => n.value);
  const same = ctx.data.attributes.find((a) => percents(a).some((p) => Math.abs(p - amount) < 1e-9));
  if (same) return supported(same);
  const ingredient = loose(draft.ingredient);
  const named =
    ingredient.length >= 2
      ? ctx.data.attributes.find((a) => a.compact.includes(ingredient) && percents(a).length)
      : undefined;
  if (named) return contradicted(named);
  return unsupported("absent", true);
}

const PRICE_NAME = /价格|售价|原价|现价|到手价|零售价|吊牌价|划线价|price|msrp|cost|retail/;
const LIST_NAME = /原价|零售价|吊牌价|划线价|市场价|msrp|list|retail|regular|was/;

function judgePrice(draft: Extract<TClaimDraft, { type: "price" }>, ctx: TJudgeContext): TJudgement {
  const prices = ctx.data.attributes.filter((a) => PRICE_NAME.test(a.lname));
  const relevant = prices.filter((a) => LIST_NAME.test(a.lname) === draft.list);
  const same = prices.find((a) => a.numbers.some((n) => Math.abs(n.value - draft.amount) < 0.005));
  if (same) return supported(same);
  if (relevant.length) return contradicted(relevant[0]!, undefined, relevant);
  return unsupported("absent", true);
}

function judgeDiscount(words: string, ctx: TJudgeContext): TJudgement {
  const promos = ctx.data.attributes.filter((a) =>
    /折|优惠|促销|活动|满减|discount|promo|sale|offer|coupon|deal|券/.test(`${a.lname} ${a.text}`),
  );
  const digits = words.replace(/\D+/g, "");
  const wanted = loose(words);
  const same = promos.find(
    (a) => a.compact.includes(wanted) || (digits && a.text.replace(/\D+/g, " ").split(" ").includes(digits)),
  );
  if (same) return supported(same);
  return unsupported(promos.length ? "unlisted" : "absent", true, promos[0]);
}

const COMPAT_NAME = /适用|适配|兼容|机型|compatib|fits|works with|supported (?:models|devices)|for use with/;

function judgeCompatibility(target: string, ctx: TJudgeContext): TJudgement {
  const attrs = ctx.data.attributes.filter((a) => COMPAT_NAME.test(a.lname));
  const want = loose(target.replace(/^(?:the|all|most|any)\s+/i, ""));
  const parts = target
    .split(/\s*(?:\/|、|和|及|与|&|,|\band\b)\s*/i)
    .map(loose)
    .filter((p) => p.length >= 2);
  const same = ctx.data.attributes.find((a) => {
    const t = a.compact;
    return t.includes(want) || (parts.length > 0 && parts.every((p) => t.includes(p)));
  });
  if (same) return supported(same);
  const denied = attrs.find(
    (a) => /不兼容|不适用|not compatible|incompatible/.test(a.text) && parts.some((p) => a.compact.includes(p)),
  );
  if (denied) return contradicted(denied);
  return unsupported(attrs.length ? "unlisted" : "absent", true, attrs[0]);
}

const GENERIC_COUNTS = new Set(["pack", "coun", "ct", "piec", "pc", "件", "个", "只"]);

function judgeCount(draft: Extract<TClaimDraft, { type: "count" }>, ctx: TJudgeContext): TJudgement {
  const stem = countStem(draft.classifier);
  const chinese = /[\u4e00-\u9fff]/.test(draft.classifier);
  let differing: TIndexedAttribute | undefined;
  for (const a of ctx.data.attributes) {
    for (const c of a.counts) {
      if (c.stem !== stem && !c.stem.startsWith(stem)) continue;
      if (c.n === draft.n) return supported(a);
      differing ??= a;
    }
    // A bare number under a name that says what it counts ("pieces": "1000", "片数": "10"), or
    // under a plain quantity when the copy counts packs or pieces ("24-pack" for count: 24).
    const counted =
      a.lname.includes(stem) ||
      (chinese && a.lname.includes(draft.classifier)) ||
      (GENERIC_COUNTS.has(stem) && /count|quantity|qty|pack|piece|pcs|数量|件数|个数|装/.test(a.lname));
    if (/^\s*\d+\s*$/.test(a.text) && counted) {
      if (Number(a.text) === draft.n) return supported(a);
      differing ??= a;
    }
  }
  if (differing) return contradicted(differing);
  // "两件套", "三层": Chinese numerals count design features as often as contents.
  return unsupported("absent", !/[二两三四五六七八九十百千]/.test(ctx.text.slice(draft.nStart, draft.nEnd)));
}

function judgeReviews(draft: Extract<TClaimDraft, { type: "reviews" }>, ctx: TJudgeContext): TJudgement {
  if (draft.rating !== undefined) {
    const rated = ctx.data.attributes.find((a) => /rating|评分|stars?|星级/.test(a.lname));
    if (rated) {
      const n = Number(/\d+(?:\.\d+)?/.exec(rated.text)?.[0]);
      return Math.abs(n - draft.rating) < 0.05 ? supported(rated) : contradicted(rated);
    }
    return unsupported("absent", true);
  }
  const quote = reviewPraising(ctx.reviews, "general", draft.subject ? [draft.subject] : []);
  if (quote) return reviewSupported(quote);
  return unsupported("absent", Boolean(ctx.reviews?.length));
}

function judgeSubjective(draft: Extract<TClaimDraft, { type: "subjective" }>, ctx: TJudgeContext): TJudgement {
  const word = draft.word.toLowerCase();
  const { data } = ctx;
  const named = data.attributes.find((a) => a.text.includes(word) || a.lname.includes(word));
  if (named) return supported(named);
  // Experience of the battery: any battery attribute states it ("续航: 长效", "battery: 8 h").
  if (draft.aspect === "battery") {
    const battery = [...(data.byKey.get("battery_life") ?? []), ...(data.byKey.get("battery_capacity") ?? [])][0];
    if (battery) return supported(battery);
  }
  const quote = reviewPraising(ctx.reviews, draft.aspect, [draft.word]);
  if (quote) return reviewSupported(quote);
  return unsupported("subjective", false);
}
