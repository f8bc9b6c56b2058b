import type { TVariantFieldName } from "../lint/types.js";
import type { TFact } from "./facts.js";
import type { TGeneratorModel } from "./model.js";

// The content planner: which facts a text mentions and in which order. Apparel attributes follow
// the order descriptions in the corpus walk through them (per category, learned); other keys
// follow a fixed priority of what shoppers look for first. An audience moves the facts it cares
// about to the front — a smartwatch for a sports audience leads with its sport modes.

type TAudienceProfile = { id: string; terms: RegExp };
const AUDIENCES: readonly TAudienceProfile[] = [
  {
    id: "sport",
    terms:
      /运动|跑步|健身|户外|骑行|游泳|登山|瑜伽|训练|心率|gps|北斗|防水|速干|透气|弹力|排汗|sport|run|fitness|workout|training|outdoor|swim|cycl|hik|heart|water|sweat|breathab|stretch/i,
  },
  {
    id: "health",
    terms:
      /健康|心率|血氧|睡眠|血压|压力|体温|有机|天然|无添加|低糖|蛋白|营养|纯棉|棉|蚕丝|护眼|抗菌|health|sleep|oxygen|spo2|blood|stress|organic|natural|nutri|protein|cotton|silk|antibacterial/i,
  },
  {
    id: "fashion",
    terms: /风格|颜色|配色|图案|款式|设计|外观|表盘|造型|版型|style|colou?r|pattern|design|look|finish|dial|fit/i,
  },
  {
    id: "price",
    terms: /价格|优惠|折扣|赠品|套装|容量|保修|质保|性价比|price|value|bundle|capacity|warranty|gift|pack/i,
  },
];
const AUDIENCE_ALIASES: Record<string, string> = {
  运动: "sport",
  健身: "sport",
  健康: "health",
  时尚: "fashion",
  潮流: "fashion",
  价格: "price",
  实惠: "price",
};

/** The audience profile a free-form audience names, or null (then nothing is emphasised). */
export function audienceProfile(audience: string | null | undefined): TAudienceProfile | null {
  if (!audience) return null;
  const a = audience.trim().toLowerCase();
  const id = AUDIENCE_ALIASES[a] ?? a;
  return AUDIENCES.find((p) => p.id === id || id.startsWith(p.id)) ?? null;
}

// Keys that are not apparel: what a shopper reads first (name and kind, then what it is made of,
// what it does, how big it is), then everything else in input order.
const GENERIC_PRIORITY: readonly RegExp[] = [
  /^(品牌|brand)$/i,
  /类型|品类|type|category|型号|model/i,
  /模式|功能|feature|mode|function/i,
  /材质|面料|材料|material|fabric/i,
  /颜色|配色|colou?r/i,
  /续航|电池|battery/i,
  /防水|water/i,
  /尺寸|尺码|大小|size|dimension/i,
  /容量|capacity|volume/i,
  /重量|weight/i,
];
const genericRank = (key: string): number => {
  const i = GENERIC_PRIORITY.findIndex((re) => re.test(key));
  return i < 0 ? GENERIC_PRIORITY.length : i;
};

export type TPlan = {
  facts: TFact[];
  /** Keys emphasised for the audience, in the order they lead. */
  emphasis: string[];
};

/** How many attributes (keys; a list is one) each field has room for. */
const BUDGET: Record<TVariantFieldName, number> = { TITLE: 6, SHORT: 3, BULLETS: 6, DESCRIPTION: 24 };

export function planFacts(
  facts: readonly TFact[],
  o: {
    model: TGeneratorModel;
    field: TVariantFieldName;
    category: string | null;
    audience?: string | null | undefined;
  },
): TPlan {
  const byCategory = o.category ? o.model.planner.byCategory[o.category] : undefined;
  const position = (f: TFact): number => {
    if (f.provenance.kind === "review") return 2; // experience after the product's own facts
    if (f.cls) return byCategory?.[f.key] ?? o.model.planner.byClass[f.cls] ?? 0.5;
    return 0.05 + genericRank(f.key) / 100;
  };
  const indexed = facts.map((f, i) => ({ f, i, p: position(f) }));
  // The garment's own noun opens an apparel description ("这款衬衫…").
  const opensWith = (f: TFact): number => (f.cls === "品类" ? 0 : 1);
  indexed.sort((a, b) => opensWith(a.f) - opensWith(b.f) || a.p - b.p || a.i - b.i);
  const profile = audienceProfile(o.audience);
  let ordered = indexed.map((x) => x.f);
  const emphasis: string[] = [];
  if (profile) {
    const matches = (f: TFact): boolean =>
      f.provenance.kind !== "review" && (profile.terms.test(f.key) || profile.terms.test(f.value));
    const lead = ordered.filter(matches);
    for (const f of lead) if (!emphasis.includes(f.key)) emphasis.push(f.key);
    ordered = [...lead, ...ordered.filter((f) => !matches(f))];
  }
  const keys = new Set<string>();
  const kept = ordered.filter((f) => {
    if (keys.has(f.key)) return true;
    if (keys.size >= BUDGET[o.field]) return false;
    keys.add(f.key);
    return true;
  });
  return { facts: kept, emphasis };
}
