import {
  EXTRACTOR_WORD_LISTS,
  extractAttributeFacts,
  type TAttributeFactAt,
} from "../../analysis/attribute-extractor.js";
import { buildDictionary } from "../../analysis/attribute-dictionary.js";
import { gatedMatches } from "../../analysis/attribute-matching.js";
import { parseNumber } from "../../analysis/attribute-numbers.js";
import type { TNormalizedText } from "../../analysis/offset-normalizer.js";
import {
  CAPABILITIES,
  NUTRIENTS,
  PROCESSOR_PATTERN,
  SUBJECTIVE,
  type TAspect,
  type TCapability,
} from "./claim-vocabulary.js";

// Claims found in copy, before they are checked. Offsets are into the normalised text (full-width
// folded); the caller maps them back to the original.
type TSpan = { nStart: number; nEnd: number };
export type TClaimDraft = TSpan &
  (
    | {
        type: "fact";
        fact: TAttributeFactAt;
        /** For an origin: the copy marks it as one (产地, 原产, "made in", "from"), or names the product after it (泰国乳胶枕). */
        marked?: boolean;
        /** For a measurement: said in an instruction or an outcome, not of the product ("建议通风24小时"). */
        incidental?: boolean;
      }
    | { type: "capability"; capability: TCapability }
    | { type: "nutrition"; nutrient: string; mode: "zero" | "low" | "high" }
    | { type: "efficacy"; amount: string; unit: string; subject: string }
    | { type: "concentration"; amount: string; ingredient: string }
    | { type: "processor"; name: string }
    | { type: "effect"; words: string }
    | { type: "price"; amount: number; list: boolean }
    | { type: "discount"; words: string }
    | { type: "compatibility"; target: string }
    | { type: "count"; n: number; classifier: string }
    | { type: "reviews"; rating?: number; subject?: string }
    | { type: "subjective"; aspect: TAspect; word: string }
  );

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const CAPABILITY_BY_ID = new Map(CAPABILITIES.map((c) => [c.id, c] as const));
// The extractor's word lists, capabilities and praise, matched in one pass; the praise list maps
// each word to its aspect.
const LEXICON = buildDictionary([
  ...EXTRACTOR_WORD_LISTS,
  Object.fromEntries(CAPABILITIES.map((c) => [c.id, c.surfaces])),
  SUBJECTIVE,
]);
const EXTRACTOR_LISTS = EXTRACTOR_WORD_LISTS.length;

const NUTRIENT_BY_SURFACE = new Map<string, string>();
for (const [id, n] of Object.entries(NUTRIENTS))
  for (const s of n.surfaces) NUTRIENT_BY_SURFACE.set(s.toLowerCase(), id);
const NUTRIENT_ZH = Object.values(NUTRIENTS)
  .flatMap((n) => n.surfaces)
  .filter((s) => /[\u4e00-\u9fff]/.test(s))
  .sort((a, b) => b.length - a.length)
  .join("|");
const NUTRIENT_EN = Object.values(NUTRIENTS)
  .flatMap((n) => n.surfaces)
  .filter((s) => !/[\u4e00-\u9fff]/.test(s))
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join("|");
// 0糖, 无蔗糖, 不含防腐剂, 零卡 (but not 无卡顿: lag); "zero sugar", "no added sugar", "sugar-free".
const ZERO_ZH = new RegExp(
  `(?:0添加|零添加|无添加|不添加|不含|0|零|无)(${NUTRIENT_ZH})(?!顿|扣|槽|住|片|套|通|位|包|纸|车|分|量)`,
  "g",
);
const LOW_HIGH_ZH = /(低|高)(糖|脂|卡|钠|盐|GI|蛋白|纤维|钙)(?![度温压档速端效])/g;
const ZERO_EN = new RegExp(`\\b(?:zero|no|0\\s?g?|0g|free of|without)\\s(?:added\\s)?(${NUTRIENT_EN})\\b`, "gi");
const FREE_EN = new RegExp(
  `\\b(${NUTRIENT_EN}|gluten|dairy|soy|nut|GMO)[- ]free\\b|\\bno sugar added\\b|\\bunsweetened\\b`,
  "gi",
);
const LOW_HIGH_EN =
  /\b(low|reduced|high|rich in)[- ](sugar|fat|calorie|calories|carb|carbs|sodium|salt|protein|fib(?:er|re))\b/gi;

const EN_VERB =
  "remov(?:es|ing|e)|eliminat(?:es|ing|e)|kill(?:s|ing)?|reduc(?:es|ing|e)|block(?:s|ing)?|filter(?:s|ing)?(?: out)?|cut(?:s|ting)?|boost(?:s|ing)?|increas(?:es|ing|e)|improv(?:es|ing|e)|rais(?:es|ing|e)|lower(?:s|ing)?|burn(?:s|ing)?|absorb(?:s|ing)?|repel(?:s|ling)?|destroy(?:s|ing)?|captur(?:es|ing|e)|trap(?:s|ping)?|neutrali[sz](?:es|ing|e)|enhanc(?:es|ing|e)|speed(?:s)? up";
// "removes 99.9% of lead", "kills 99% of germs".
const EFFICACY_EN_A = new RegExp(
  `\\b(?:${EN_VERB})(?:\\s+up\\s+to)?\\s+(\\d+(?:\\.\\d+)?)\\s?(%|percent)(?:\\s+of)?(\\s+(?:the\\s+|all\\s+)?[A-Za-z][\\w-]*(?:\\s+[a-z][\\w-]*)?)?`,
  "gi",
);
// "raises IQ by 20 points", "reduces wrinkles by 30%".
const EFFICACY_EN_B = new RegExp(
  `\\b(?:${EN_VERB})\\s+((?:[A-Za-z][\\w'-]*\\s+){1,3}?)by\\s+(?:up\\s+to\\s+)?(\\d+(?:\\.\\d+)?)\\s?(%|percent|points?|times|x|fold)`,
  "gi",
);
// "30% more suction", "2x faster charging".
const EFFICACY_EN_C =
  /(?<![\w.])(\d+(?:\.\d+)?)\s?(%|x|times)\s(more|less|faster|longer|stronger|brighter|quieter|fewer|better|cleaner|smaller|lighter|thinner)(\s[a-z][\w-]*)?/gi;
const ZH_VERB =
  "去除|清除|杀灭|杀死|消灭|过滤|阻隔|隔绝|吸附|分解|降低|减少|提升|提高|增加|增强|改善|减轻|淡化|抑制|祛除|阻挡|拦截|杀菌|除菌|抑菌|除螨|去污";
const ZH_RATE =
  "除菌率|抑菌率|杀菌率|除螨率|去除率|清除率|过滤效率|净化效率|净化率|有效率|吸收率|阻隔率|防护率|遮光率|截留率|降解率|去污率";
const EFFICACY_ZH_A = new RegExp(
  `(?:${ZH_VERB})\\s?(?:高达|可达|达到|超过|达|超)?\\s?(\\d+(?:\\.\\d+)?)\\s?(%|倍|个百分点)([\\u4e00-\\u9fff]{0,4}?)(?=[，。、；！？,.;!?\\s]|$|以上|的)`,
  "g",
);
const EFFICACY_ZH_B = new RegExp(
  `(${ZH_RATE})\\s?(?:高达|可达|达到|超过|达|超|为|≥|>)?\\s?(\\d+(?:\\.\\d+)?)\\s?%|(\\d+(?:\\.\\d+)?)\\s?%\\s?的?(${ZH_RATE})`,
  "g",
);

// Concentrations of an ingredient: "含烟酰胺5%", "玻尿酸含量1%", "5% niacinamide". 100% is a
// superlative for the rule packs, "20% off" a discount, "30% more" a comparison (efficacy above).
const CONCENTRATION_ZH =
  /(?:含有?|添加|富含|高浓度)?([\u4e00-\u9fffA-Za-z]{2,8}?)(?:含量|浓度|添加量)?\s?(?:高达|达到|达|为)?\s?(?<![\d.])((?!100(?![\d.]))\d{1,2}(?:\.\d+)?)\s?%/g;
const CONCENTRATION_EN =
  /(?<![\w.])((?!100(?![\d.]))\d{1,2}(?:\.\d+)?)\s?%\s(?!off\b|of\b|more\b|less\b|fewer\b|faster\b|better\b|longer\b|smaller\b|lighter\b|cotton|polyester|wool|silk|nylon|spandex|elastane|linen|cashmere)([A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){0,2})/gi;

// Lasting effects: "全天不用补涂", "24小时持妆", "all-day wear", "no reapplication needed".
const EFFECT_ZH =
  /(?:全天候?|整天|一整天|全日|一天|\d{1,2}小时|[一二两三四五六七八九十]{1,3}个?小时)\s?(?:都|也|持续|长效|超长|长久)?\s?(?:不用补涂|无需补涂|免补涂|不用补妆|无需补妆|不脱妆|不掉妆|不掉色|不晕染|不花妆|不脱色|不卡粉|不斑驳|持妆|控油|保湿|补水|留香|锁水|保温|保冷|不结块|防晒|防护)/g;
const EFFECT_EN =
  /\b(?:all[- ]day|all[- ]night|\d{1,2}[- ]hours?|(?:twelve|twenty-four)[- ]hours?)\s(?:long\s)?(?:wear|hold|moisture|hydration|protection|coverage|freshness|odou?r protection|oil control|staying power)\b|\b(?:lasts?|stays? put|stays? on)\s(?:all day|all night|for \d{1,2} hours)\b|\b(?:no|never needs?|without(?: the)?)\s(?:need (?:to|for) )?(?:reapplication|reapplying|reapply|touch[- ]ups?)\b|\b(?:smudge|transfer|crease|budge)[- ]proof\b|\blong[- ]wearing\b/gi;

const PRICE =
  /(原价|划线价|市场价|建议零售价|零售价|吊牌价|专柜价|现价|售价|到手价|券后价?|特价|活动价|秒杀价|促销价|折后价|\bonly\b|\bjust\b|\bnow\b|\bwas\b|\bprice[d]?\b(?: at)?|\bMSRP\b|\bretail\b|\blist price\b|\bregular price\b|\breg\.?)?\s?[:：]?\s?(?:(?:¥|￥|\$|US\$|USD\s?|RMB\s?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?|(?<![\d.])(\d+(?:\.\d{1,2})?)\s?元)/gi;
const LIST_PRICE = /原价|划线价|市场价|建议零售价|零售价|吊牌价|专柜价|was|msrp|retail|list price|regular price|reg/i;
const DISCOUNT =
  /(?<![\d.])\d(?:\.\d)?\s?折(?:起|优惠)?|(?<![\d.])\d{1,2}\s?%\s?off\b|\bhalf[- ]price\b|半价|买一送一|买\d送\d|\bbuy one,? get one(?: free)?\b|\bBOGO\b|第二件半价|满\d+减\d+|\bsave \$?\d+(?:\.\d{2})?\b|省\d+元?/gi;

const COMPAT_EN = /\b(?:compatible with|works with|fits|designed for|made for|for use with)\s+/gi;
const COMPAT_ZH = /(?:适用于|适用|适配|兼容|专为)\s?/g;
const COMPAT_BRANDS =
  "苹果|华为|小米|三星|荣耀|OPPO|vivo|一加|魅族|安卓|鸿蒙|特斯拉|比亚迪|大众|丰田|本田|宝马|奔驰|奥迪|索尼|任天堂|戴森|飞利浦|博世";
const COMPAT_ZH_OBJECT = new RegExp(`^(?:[A-Za-z0-9+.\\-/ 、和及与]|${COMPAT_BRANDS})+`, "i");
const COMPAT_HAS_NAME = new RegExp(`[A-Za-z]|${COMPAT_BRANDS}`, "i");

const COUNT_ZH =
  /(?<![\d.A-Za-z第每这那哪#])(\d+|[二两三四五六七八九十百千]{1,4})\s?(片|颗|粒|袋|包|瓶|罐|盒|支|件套|件|套|只|条|张|卷|本|双|对|键|项|档|段|号|层|格|孔|人份|抽|枚|根|台|块)(装)?/g;
const COUNT_EN =
  /(?<![\w.])(\d+)(?:[- ](?:[A-Za-z][\w-]*\s)?|\s)(thread count|pieces?|pcs|pack|count|ct|cups?|servings?|speeds?|modes?|settings?|levels?|ports?|shelves|shelf|layers?|drawers?|blades?|burners?|seats?|tiers?|sheets?|capsules?|tablets?|pods?|rolls?|keys?|channels?|outlets?|stages?|programs?|attachments?|heads?)\b/gi;

const REVIEW_EN =
  /\b(?:reviewers|customers|buyers|users|shoppers|owners|parents)\s(?:love|praise|rave about|adore|agree|swear by)\b(?:\s(?:the\s|its\s|their\s)?([a-z][\w-]*))?|\b(?:rated|rating of)\s(\d(?:\.\d)?)\s?(?:\/\s?5\s?)?(?:stars?)?|\b(\d(?:\.\d)?)[- ]star(?: rated| rating| reviews?)\b/gi;
const REVIEW_ZH =
  /好评如潮|好评率\s?(?:高达|达)?\s?\d+(?:\.\d+)?%|\d+(?:\.\d+)?%\s?好评率?|\d+万\+?\s?好评|回购率\s?\d+(?:\.\d+)?%|买家(?:都说|一致好评)|用户一致好评|口碑爆棚|评分\s?(\d(?:\.\d)?)/g;

// Left of a measurement in Chinese copy: the attribute it states and a qualifier ("续航长达30天").
const ZH_MEASURE_LEFT =
  /(?:总续航|续航时间|续航|待机时间|待机|电池容量|电池|防水深度|防水|净含量|净重|重量|容量|功率|输出功率|充电功率|快充|屏幕|最大承重|承重|保修|质保|保质期|厚度|直径|亮度|吸力|转速|刷新率|运行内存|内存|存储|发热)(?:长达|高达|可达|达到|达|约|最长|最高|超过|超|足足|整整|仅|只有|为|是)?\s?$/;
// Right of a measurement in English copy: what it measures ("20-hour battery", "24 hours of playtime").
const EN_MEASURE_RIGHT =
  /^(?:\s|-)?(?:of\s)?(?:battery life|battery|playtime|play time|playback|runtime|run time|standby|talk time|listening time|RAM|memory|storage|SSD|water resistance|fast charging|charging|suction|brightness|burn time)\b/i;
// "50米防水": the rating reads with its word after it.
const ZH_MEASURE_RIGHT = /^防水/;
const RANGE_START = /(?<![\d.])\d+(?:\.\d+)?\s?(?:-|–|~|～|到|至)\s?$/;
const MATERIAL_LEFT = /(?:(?<![A-Za-z])(?:solid|pure)\s|100\s?%\s?|(?<![单])纯|全)$/i;
const DOSE =
  /每日|每天|每次|每餐|一日|一天|\bdaily\b|per day|a day\b|each (?:day|time|serving)|\btake\b|\bserving size\b/i;
const SALE_TERMS = /shipping|\borders? (?:over|above|of)\b|\bspend\b|满\d|包邮|运费|coupon|优惠券|券/i;
const STOCK_BEFORE =
  /(?:仅剩|只剩|剩余|剩下|最后|限量|库存|仅限|仅有|只有|\bonly|\bjust|\blast|\blimited(?: to)?)\s?$/i;
const STOCK_AFTER = /^\s?(?:left|remaining|in stock|available|sold|售罄|已售|库存)/i;
const EN_MEASURE_LEFT = /(?:up to|upto|over|more than|at least|as much as)\s$/i;
// A measurement in an instruction or an outcome is not a fact about the product.
const INCIDENTAL =
  /限时|截止|倒计时|活动|\bends? in\b|\bhurry\b|\btoday\b|\btonight\b|发货|退换|退货|包邮|售后|客服|保价|到货|送达|\bship(?:s|ping|ped)?\b|deliver|returns?\b|refund|建议|请|使用前|用前|首次使用|之后再|后再|先.{0,8}再|静置|浸泡|每天|每日|每次|before (?:first )?use|allow .{0,16}to|let it|wait|soak|\bdaily\b|per day|a day\b|lose|瘦|减重|减肥|掉秤/i;
// Origin markers around a place: 原产地, 产自, "made in", "from".
const ORIGIN_BEFORE =
  /(?:原产地|原产|产地|产自|产于|出产于|来自|源自|采自|直采|made in|product of|imported from|grown in|sourced from|harvested in|roasted in|from)\s?[:：]?\s?$/i;
const ORIGIN_AFTER = /^\s?(?:原产地|原产|产区|产地|出产|进口|直采|直供|特产|本地)/;
// A Chinese place opening a phrase that names the product ("泰国乳胶枕", "云南咖啡豆"), unless what
// follows is about shipping, markets or style.
const NOT_PRODUCT_AFTER = /^(?:发货|仓|包邮|地区|市场|用户|人|专|特供|风|式|版|站|店|时间|的|地|等|和|及|与|到)/;
const CLAUSE_BREAKS = new Uint8Array(65536);
for (const c of "，,;；。!！?？\n、:：") CLAUSE_BREAKS[c.charCodeAt(0)] = 1;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const NEGATED_BEFORE = /(?:不|非|无|没有|未|not|non-?|no|without)\s?$/i;

// "." ends a sentence when a space or the end follows it (not in "1.5 kg" or "U.S.").
const isBreak = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  if (c === 46) return i + 1 >= s.length || s.charCodeAt(i + 1) === 32 || s.charCodeAt(i + 1) === 10;
  return CLAUSE_BREAKS[c] === 1;
};
function clauseStart(s: string, at: number, width = 40): number {
  for (let i = at - 1; i >= Math.max(0, at - width); i--) if (isBreak(s, i)) return i + 1;
  return Math.max(0, at - width);
}
function clauseEnd(s: string, at: number, width = 40): number {
  for (let i = at; i < Math.min(s.length, at + width); i++) {
    const c = s.charCodeAt(i);
    if (isBreak(s, i) && !(c === 44 && isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1)))) return i;
  }
  return Math.min(s.length, at + width);
}

// Cheap tests that a text may hold a match at all (see gatedMatches).
const ZERO_ZH_GATE = /无|零|0|不含|不添加/;
const CONCENTRATION_GATE = /%/;
const PROCESSOR_GATE =
  /骁龙|snapdragon|天玑|dimensity|麒麟|kirin|exynos|chip|芯片|仿生|core|ryzen|酷睿|锐龙|rtx|gtx|rx\s?\d/i;
const ZERO_EN_GATE = /zero|no|0|free|without/i;
const FREE_EN_GATE = /free|unsweetened|no sugar/i;
const LOW_HIGH_ZH_GATE = /低|高/;
const LOW_HIGH_EN_GATE = /low|reduced|high|rich/i;
const EFFICACY_EN_A_GATE = /%|percent/i;
const EFFICACY_EN_B_GATE = /\bby\s/i;
const EFFICACY_EN_C_GATE = /\d\s?(?:%|x|times)\s/i;
const EFFICACY_ZH_A_GATE = /%|倍|百分点/;
const EFFICACY_ZH_B_GATE = /率/;
const PRICE_GATE = /[¥$元]|USD|RMB/;
const DISCOUNT_GATE = /折|off|half|半价|买|bogo|save|省|满/i;
const COMPAT_EN_GATE = /compatible|works with|fits|designed for|made for|for use with/i;
const COMPAT_ZH_GATE = /适用|适配|兼容|专为/;
const COUNT_ZH_GATE = /[\u4e00-\u9fff]/;
const COUNT_EN_GATE = /\d[- ]?[A-Za-z]/;
const REVIEW_EN_GATE = /review|rated|rating|star|customers|buyers|users|shoppers|owners|parents/i;
const REVIEW_ZH_GATE = /好评|回购|买家|用户|口碑|评分/;
const EFFECT_ZH_GATE = /全天|整天|一天|全日|小时/;
const EFFECT_EN_GATE = /day|night|hour|reappl|touch|proof|wearing|lasts?|stays?/i;

// Measurements, and water depths ("50米防水"), whose spans take in the words around the number.
const MEASURE_KEYS_WITH_NUMBERS = (f: TAttributeFactAt): boolean =>
  typeof f.normalized === "number" || (f.key === "water_resistance" && f.unit === "m");

/** The claims of a text, in order, none overlapping, and the attribute facts they were read from. */
export function extractClaims(
  norm: TNormalizedText,
  brands: readonly string[],
): { claims: TClaimDraft[]; facts: TAttributeFactAt[] } {
  const s = norm.text;
  const taken = new Uint8Array(s.length);
  const claims: TClaimDraft[] = [];
  const free = (a: number, b: number): boolean => {
    for (let i = a; i < b; i++) if (taken[i]) return false;
    return true;
  };
  const push = (c: TClaimDraft): void => {
    if (c.nEnd <= c.nStart || !free(c.nStart, c.nEnd)) return;
    taken.fill(1, c.nStart, c.nEnd);
    claims.push(c);
  };

  const hits = LEXICON.scan(s);
  const facts = extractAttributeFacts(norm, { brands, dictionaryHits: hits.slice(0, EXTRACTOR_LISTS) });
  // Lasting-effect claims read first: "24小时持妆" is one claim, not a duration and a word.
  const effects: TClaimDraft[] = [];
  for (const [gate, re] of [
    [EFFECT_ZH_GATE, EFFECT_ZH],
    [EFFECT_EN_GATE, EFFECT_EN],
  ] as const) {
    for (const m of gatedMatches(gate, re, s))
      effects.push({ type: "effect", words: m[0], nStart: m.index, nEnd: m.index + m[0].length });
  }
  // Processors too: "A17 Pro芯片" is one claim, not a model code.
  for (const m of gatedMatches(PROCESSOR_GATE, PROCESSOR_PATTERN, s)) {
    effects.push({ type: "processor", name: m[0], nStart: m.index, nEnd: m.index + m[0].length });
  }
  const inEffect = (f: TAttributeFactAt): boolean => effects.some((e) => f.nStart < e.nEnd && f.nEnd > e.nStart);

  for (const f of facts) {
    if (f.key === "brand" || inEffect(f)) continue;
    if (MEASURE_KEYS_WITH_NUMBERS(f)) {
      const [start, end] = measurementSpan(s, f);
      const clause = s.slice(clauseStart(s, f.nStart), clauseEnd(s, f.nEnd));
      push({ type: "fact", fact: f, nStart: start, nEnd: end, incidental: INCIDENTAL.test(clause) });
      continue;
    }
    if (
      f.key === "certification" &&
      f.normalized === "FDA" &&
      /^\s?(?:approved|approval|批准)/i.test(s.slice(f.nEnd, f.nEnd + 10))
    ) {
      // "FDA approved" is an authority claim; the rule packs judge it.
      taken.fill(1, f.nStart, f.nEnd);
      continue;
    }
    if (f.key === "origin") {
      const before = s.slice(clauseStart(s, f.nStart, 16), f.nStart);
      const after = s.slice(f.nEnd, f.nEnd + 6);
      const opensPhrase =
        /[\u4e00-\u9fff]/.test(f.value) &&
        before.trim() === "" &&
        /^[\u4e00-\u9fff]/.test(after) &&
        !NOT_PRODUCT_AFTER.test(after);
      const marked =
        ORIGIN_BEFORE.test(before) ||
        ORIGIN_AFTER.test(after) ||
        opensPhrase ||
        f.normalized === "imported" ||
        f.normalized === "domestic";
      push({ type: "fact", fact: f, nStart: f.nStart, nEnd: f.nEnd, marked });
      continue;
    }
    if (f.key === "material") {
      // "Solid walnut", "100% cashmere": the qualifier is part of what is claimed.
      const lead = MATERIAL_LEFT.exec(s.slice(Math.max(0, f.nStart - 6), f.nStart));
      push({ type: "fact", fact: f, nStart: f.nStart - (lead?.[0].length ?? 0), nEnd: f.nEnd });
      continue;
    }
    push({ type: "fact", fact: f, nStart: f.nStart, nEnd: f.nEnd });
  }
  for (const e of effects) push(e);

  const capabilityHits = hits[EXTRACTOR_LISTS]!;
  const praiseHits = hits[EXTRACTOR_LISTS + 1]!;
  for (const h of capabilityHits) {
    const capability = CAPABILITY_BY_ID.get(h.id)!;
    const before = s.slice(Math.max(0, h.start - 6), h.start);
    // "not waterproof", "非偏光", "non-polarized": a claim of absence is not checked.
    if (NEGATED_BEFORE.test(before)) continue;
    // "5ATM防水", "防水等级IP68", "water resistant to 200 m": the rating is the claim.
    if (
      capability.water &&
      facts.some((f) => f.key === "water_resistance" && f.nStart < h.end + 14 && f.nEnd > h.start - 5)
    ) {
      taken.fill(1, h.start, h.end);
      continue;
    }
    push({ type: "capability", capability, nStart: h.start, nEnd: h.end });
  }

  for (const m of gatedMatches(ZERO_ZH_GATE, ZERO_ZH, s))
    push({
      type: "nutrition",
      nutrient: NUTRIENT_BY_SURFACE.get(m[1]!) ?? m[1]!,
      mode: "zero",
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  for (const m of gatedMatches(ZERO_EN_GATE, ZERO_EN, s))
    push({
      type: "nutrition",
      nutrient: NUTRIENT_BY_SURFACE.get(m[1]!.toLowerCase()) ?? m[1]!,
      mode: "zero",
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  for (const m of gatedMatches(FREE_EN_GATE, FREE_EN, s)) {
    const word = (m[1] ?? (/sugar|sweet/i.test(m[0]) ? "sugar" : m[0])).toLowerCase();
    push({
      type: "nutrition",
      nutrient: NUTRIENT_BY_SURFACE.get(word) ?? word,
      mode: "zero",
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  }
  for (const m of gatedMatches(LOW_HIGH_ZH_GATE, LOW_HIGH_ZH, s))
    push({
      type: "nutrition",
      nutrient: NUTRIENT_BY_SURFACE.get(m[2]!) ?? m[2]!,
      mode: m[1] === "低" ? "low" : "high",
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  for (const m of gatedMatches(LOW_HIGH_EN_GATE, LOW_HIGH_EN, s)) {
    const mode = /high|rich/i.test(m[1]!) ? "high" : "low";
    const word = m[2]!.toLowerCase();
    push({
      type: "nutrition",
      nutrient: NUTRIENT_BY_SURFACE.get(word) ?? NUTRIENT_BY_SURFACE.get(`${word}s`) ?? word,
      mode,
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  }

  for (const m of gatedMatches(EFFICACY_EN_A_GATE, EFFICACY_EN_A, s)) {
    const end = m.index + m[0].length - trailingStopwords(m[3] ?? "");
    push({ type: "efficacy", amount: m[1]!, unit: "%", subject: (m[3] ?? "").trim(), nStart: m.index, nEnd: end });
  }
  for (const m of gatedMatches(EFFICACY_EN_B_GATE, EFFICACY_EN_B, s)) {
    push({
      type: "efficacy",
      amount: m[2]!,
      unit: /^(?:%|percent)$/i.test(m[3]!) ? "%" : m[3]!.toLowerCase(),
      subject: m[1]!.trim(),
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  }
  for (const m of gatedMatches(EFFICACY_EN_C_GATE, EFFICACY_EN_C, s)) {
    push({
      type: "efficacy",
      amount: m[1]!,
      unit: m[2] === "%" ? "%" : "x",
      subject: `${m[3]}${m[4] ?? ""}`,
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  }
  for (const m of gatedMatches(EFFICACY_ZH_A_GATE, EFFICACY_ZH_A, s)) {
    push({
      type: "efficacy",
      amount: m[1]!,
      unit: m[2]!,
      subject: m[3] ?? "",
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  }
  for (const m of gatedMatches(EFFICACY_ZH_B_GATE, EFFICACY_ZH_B, s)) {
    push({
      type: "efficacy",
      amount: m[2] ?? m[3]!,
      unit: "%",
      subject: m[1] ?? m[4]!,
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  }

  // "含烟酰胺5%", "20% L-ascorbic acid", "5% niacinamide": how much of an ingredient.
  for (const m of gatedMatches(CONCENTRATION_GATE, CONCENTRATION_ZH, s)) {
    push({ type: "concentration", amount: m[2]!, ingredient: m[1]!, nStart: m.index, nEnd: m.index + m[0].length });
  }
  for (const m of gatedMatches(CONCENTRATION_GATE, CONCENTRATION_EN, s)) {
    const ingredient = m[2]!.replace(STOP_AFTER, "");
    push({
      type: "concentration",
      amount: m[1]!,
      ingredient,
      nStart: m.index,
      nEnd: m.index + m[0].length - (m[2]!.length - ingredient.length),
    });
  }

  for (const m of gatedMatches(PRICE_GATE, PRICE, s)) {
    // "Free shipping on orders over $35", "满99包邮": terms of sale, not the product's price.
    if (SALE_TERMS.test(s.slice(clauseStart(s, m.index), clauseEnd(s, m.index + m[0].length)))) continue;
    const amount = m[2] ? Number(`${m[2].replace(/,/g, "")}${m[3] ? `.${m[3]}` : ""}`) : Number(m[4]);
    if (!Number.isFinite(amount)) continue;
    // The span starts at the currency or number unless a price word leads ("原价299元").
    const lead = m[1] ? 0 : m[0].length - m[0].trimStart().length;
    push({
      type: "price",
      amount,
      list: LIST_PRICE.test(m[1] ?? ""),
      nStart: m.index + lead,
      nEnd: m.index + m[0].length,
    });
  }
  for (const m of gatedMatches(DISCOUNT_GATE, DISCOUNT, s))
    push({ type: "discount", words: m[0], nStart: m.index, nEnd: m.index + m[0].length });

  for (const m of gatedMatches(COMPAT_EN_GATE, COMPAT_EN, s)) {
    const target = compatibleTarget(s.slice(m.index + m[0].length, m.index + m[0].length + 60));
    if (target) push({ type: "compatibility", target, nStart: m.index, nEnd: m.index + m[0].length + target.length });
  }
  for (const m of gatedMatches(COMPAT_ZH_GATE, COMPAT_ZH, s)) {
    const object = COMPAT_ZH_OBJECT.exec(s.slice(m.index + m[0].length, m.index + m[0].length + 40))?.[0].replace(
      /[\s、和及与/]+$/,
      "",
    );
    if (!object || !COMPAT_HAS_NAME.test(object) || /^\d/.test(object)) continue;
    push({ type: "compatibility", target: object, nStart: m.index, nEnd: m.index + m[0].length + object.length });
  }

  // "仅剩最后3件", "only 3 pieces left": stock counts are urgency, the rule packs' to judge.
  // "每日2粒", "take 2 capsules daily": a dose, not the pack's contents.
  const dose = (m: RegExpExecArray): boolean =>
    DOSE.test(s.slice(clauseStart(s, m.index), clauseEnd(s, m.index + m[0].length)));
  const stock = (m: RegExpExecArray): boolean =>
    STOCK_BEFORE.test(s.slice(Math.max(0, m.index - 8), m.index)) ||
    STOCK_AFTER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 12));
  for (const m of gatedMatches(COUNT_ZH_GATE, COUNT_ZH, s)) {
    const n = parseNumber(m[1]!);
    if (Number.isFinite(n) && n > 0 && !stock(m) && !dose(m))
      push({ type: "count", n, classifier: m[2]!, nStart: m.index, nEnd: m.index + m[0].length });
  }
  for (const m of gatedMatches(COUNT_EN_GATE, COUNT_EN, s)) {
    if (stock(m) || dose(m)) continue;
    push({
      type: "count",
      n: Number(m[1]),
      classifier: singular(m[2]!.toLowerCase()),
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  }

  for (const m of gatedMatches(REVIEW_EN_GATE, REVIEW_EN, s)) {
    const rating = m[2] ?? m[3];
    push({
      type: "reviews",
      ...(rating ? { rating: Number(rating) } : {}),
      ...(m[1] ? { subject: m[1] } : {}),
      nStart: m.index,
      nEnd: m.index + m[0].length,
    });
  }
  for (const m of gatedMatches(REVIEW_ZH_GATE, REVIEW_ZH, s))
    push({ type: "reviews", ...(m[1] ? { rating: Number(m[1]) } : {}), nStart: m.index, nEnd: m.index + m[0].length });

  for (const h of praiseHits) {
    if (/(?:不|not|non-?)\s?$/i.test(s.slice(Math.max(0, h.start - 4), h.start))) continue;
    push({ type: "subjective", aspect: h.id as TAspect, word: h.surface, nStart: h.start, nEnd: h.end });
  }

  return { claims: claims.sort((a, b) => a.nStart - b.nStart), facts };
}

// The phrase a measurement claim covers: in Chinese the attribute word and qualifier before the
// number ("续航长达30天"), in English the noun after it ("20-hour battery", "32 GB RAM") and a
// leading "up to".
function measurementSpan(s: string, f: TAttributeFactAt): [number, number] {
  let start = f.nStart;
  let end = f.nEnd;
  const before = s.slice(clauseStart(s, f.nStart, 12), f.nStart);
  const zh = ZH_MEASURE_LEFT.exec(before);
  if (zh) start -= zh[0].length;
  else {
    const en = EN_MEASURE_LEFT.exec(before);
    if (en) start -= en[0].length;
  }
  // "0-6个月", "2-3 days": the lower end belongs to the claim.
  const range = RANGE_START.exec(s.slice(Math.max(0, start - 12), start));
  if (range) start -= range[0].length;
  const right =
    EN_MEASURE_RIGHT.exec(s.slice(f.nEnd, f.nEnd + 24)) ?? ZH_MEASURE_RIGHT.exec(s.slice(f.nEnd, f.nEnd + 4));
  if (right) end += right[0].length;
  return [start, end];
}

const STOP_AFTER = /(?:\s+(?:and|or|in|with|for|from|to|the|a|an|on|at|by|per|while|when|that|than))+$/i;
const trailingStopwords = (tail: string): number => STOP_AFTER.exec(tail)?.[0].length ?? 0;

// "iPhone 15 Pro Max", "Nintendo Switch", "MacBook Air 13": words with a capital or a digit.
function compatibleTarget(rest: string): string | null {
  const m =
    /^(?:(?:the|all|most|any)\s+)?[A-Za-z0-9][\w+-]*(?:\.\d+)?(?:(?:\s|\s?\/\s?|\s&\s|\sand\s|,\s)[A-Za-z0-9][\w+-]*(?:\.\d+)?)*/.exec(
      rest,
    );
  if (!m) return null;
  const words = m[0].split(/(\s+)/);
  let out = "";
  for (let i = 0; i < words.length; i += 2) {
    const w = words[i]!;
    if (!/[A-Z0-9]/.test(w) && !/^(?:and|&|\/|the|all|most|any)$/i.test(w)) break;
    out += (i ? words[i - 1] : "") + w;
  }
  out = out.replace(/(?:\s+(?:and|&|\/))+$/i, "").replace(/,$/, "");
  return /[A-Z0-9]/.test(out.replace(/^(?:the|all|most|any)\s+/i, "")) ? out : null;
}

const singular = (w: string): string =>
  w === "shelves"
    ? "shelf"
    : w === "pcs"
      ? "piece"
      : w.endsWith("ies")
        ? `${w.slice(0, -3)}y`
        : w.endsWith("es") && /(?:sh|ch|x)es$/.test(w)
          ? w.slice(0, -2)
          : w.replace(/s$/, "");
