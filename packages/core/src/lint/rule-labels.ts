import { BUILT_IN_PACKS } from "./rule-packs.js";

// Short names for rule ids, for charts and tables where a finding's full message (which quotes the
// matched text) does not fit. The packs' messages stay the explanation; these only name the rule.
// Every rule of the built-in packs has one (rule-labels.test.ts); rules the linter makes up
// (grounding, brand packs, quality checks) are named by their id's parts.

export type TUiLanguage = "zh" | "en";
export type TRuleLabel = Readonly<Record<TUiLanguage, string>>;

const l = (zh: string, en: string): TRuleLabel => ({ zh, en });

const PACK_RULES: Readonly<Record<string, TRuleLabel>> = {
  "zh.absolute.superlative_removable": l("可删去的“最”字", "Removable 最 superlative"),
  "zh.absolute.superlative": l("最高级用语", "Superlative (zh)"),
  "zh.absolute.favourite": l("“某某最爱”", "Audience favourite (zh)"),
  "zh.absolute.world_superlative": l("“全球/全网”之最", "World-best claim (zh)"),
  "zh.absolute.number_one": l("排名第一", "Number-one claim (zh)"),
  "zh.absolute.unique": l("独一无二", "Uniqueness claim (zh)"),
  "zh.absolute.ceiling": l("“天花板”类用语", "Best-in-class slang (zh)"),
  "zh.absolute.flawless": l("完美无缺", "Flawless claim (zh)"),
  "zh.absolute.leading": l("销量/技术领先", "Leading claim (zh)"),
  "zh.medical.cure_rate": l("治愈率/有效率", "Cure rate (zh)"),
  "zh.absolute.crush": l("贬低同类", "Crushes rivals (zh)"),
  "zh.absolute.hundred_percent": l("100% 效果承诺", "100 % promise (zh)"),
  "zh.absolute.no_better": l("无可比拟", "Nothing better (zh)"),
  "zh.absolute.cant_compare": l("谁都比不上", "Nothing compares (zh)"),
  "zh.absolute.latest": l("“最新”比较宣传", "Latest / newest (zh)"),
  "zh.medical.treatment": l("治疗或预防疾病", "Treats or prevents disease (zh)"),
  "zh.medical.cured": l("宣称治愈", "Cure claim (zh)"),
  "zh.medical.term": l("医疗用语", "Medical term (zh)"),
  "zh.medical.cosmetic_function": l("特殊化妆品功效", "Special cosmetic function (zh)"),
  "zh.medical.cosmetic_absolute": l("医疗级功效（消除皱纹、逆龄、药妆）", "Medical-grade cosmetic efficacy (zh)"),
  "zh.medical.hair_regrowth": l("生发、白发转黑", "Hair regrowth (zh)"),
  "zh.medical.mental": l("失眠焦虑等身心疾病", "Sleep or mental-health claim (zh)"),
  "zh.medical.never_ill": l("再也不生病", "Never falls ill again (zh)"),
  "zh.guarantee.promise": l("效果保证", "Result guarantee (zh)"),
  "zh.guarantee.refund": l("无效退款/无风险", "Refund if it fails (zh)"),
  "zh.guarantee.instant": l("一次/立即见效", "Works at once (zh)"),
  "zh.guarantee.never": l("永不/终身保证", "Never fails (zh)"),
  "zh.guarantee.safety": l("绝对安全", "Absolute safety (zh)"),
  "zh.guarantee.investment": l("收益或保值承诺", "Investment promise (zh)"),
  "zh.authority.state": l("国家机关名义", "State authority (zh)"),
  "zh.authority.well_known_mark": l("“驰名商标”字样", "Well-known mark (zh)"),
  "zh.authority.expert": l("专家/医生推荐", "Expert endorsement (zh)"),
  "zh.authority.clinical": l("临床/权威证明", "Clinical proof (zh)"),
  "zh.urgency.stock": l("库存紧张", "Low stock (zh)"),
  "zh.urgency.pressure": l("催促购买", "Pressure to buy (zh)"),
  "zh.urgency.deadline": l("限时恢复原价", "Deadline pressure (zh)"),
  "zh.quality.repeated_punctuation": l("重复标点", "Repeated punctuation (zh)"),
  "zh.quality.duplicate_word": l("重复字", "Repeated character (zh)"),
  "zh.quality.typo": l("错别字", "Typo (zh)"),
  "en.absolute.superlative": l("最高级（英文）", "Superlative"),
  "en.absolute.world_first": l("世界第一（英文）", "World first / best"),
  "en.absolute.number_one": l("排名第一（英文）", "Number-one claim"),
  "en.absolute.favourite": l("最受喜爱（英文）", "Everyone's favourite"),
  "en.absolute.best_title": l("标题里的 Best（英文）", "Best <product>"),
  "en.absolute.unmatched": l("无可匹敌（英文）", "Unmatched"),
  "en.absolute.no_better": l("无可比拟（英文）", "Nothing better"),
  "en.absolute.comparative": l("比任何产品都好（英文）", "Better than any other"),
  "en.absolute.only_one": l("独一无二（英文）", "Only one"),
  "en.medical.treatment": l("治疗或预防疾病（英文）", "Treats or prevents disease"),
  "en.medical.clinically_proven_to": l("临床证明功效（英文）", "Clinically proven to"),
  "en.medical.body": l("健康或疾病宣称（英文）", "Health or disease claim"),
  "en.medical.grade": l("医用级（英文）", "Medical grade"),
  "en.guarantee.guaranteed": l("保证（英文）", "Guaranteed"),
  "en.guarantee.risk_free": l("零风险（英文）", "Risk-free"),
  "en.guarantee.never_fails": l("永不失效（英文）", "Never fails"),
  "en.guarantee.absolute": l("绝对保证（英文）", "Absolute promise"),
  "en.guarantee.forever": l("永久有效（英文）", "Lasts forever"),
  "en.guarantee.non_toxic": l("无毒/环保（英文）", "Non-toxic / eco-friendly"),
  "en.authority.fda": l("FDA 批准（英文）", "FDA approved"),
  "en.authority.expert": l("专家推荐（英文）", "Expert endorsement"),
  "en.authority.military": l("军用级（英文）", "Military grade"),
  "en.authority.clinical": l("科学证明（英文）", "Scientific proof"),
  "en.urgency.stock": l("库存紧张（英文）", "Low stock"),
  "en.urgency.deadline": l("限时（英文）", "Deadline"),
  "en.urgency.social_proof": l("抢购氛围（英文）", "Social-proof pressure"),
  "en.urgency.pressure": l("催促购买（英文）", "Pressure to buy"),
  "en.quality.repeated_punctuation": l("重复标点（英文）", "Repeated punctuation"),
  "en.quality.duplicate_word": l("重复单词（英文）", "Repeated word"),
  "en.quality.typo": l("拼写错误（英文）", "Misspelling"),
};

/** Rules the linter makes beside the packs, by the id's last part. */
const MADE_RULES: Readonly<Record<string, TRuleLabel>> = {
  full_width: l("全角字符", "Full-width characters"),
  mixed_punctuation: l("中英标点混用", "Mixed punctuation"),
  keyword_stuffing: l("关键词堆砌", "Keyword stuffing"),
  paraphrase: l("变相最高级", "Paraphrased superlative"),
  forbidden: l("品牌禁用词", "Brand: forbidden term"),
  disclaimer: l("品牌：缺少声明", "Brand: missing disclaimer"),
  length: l("品牌：长度超限", "Brand: too long"),
};

const LOCALE_SUFFIX: TRuleLabel = l("（英文）", " (zh)");

const humanise = (part: string) => part.replace(/_/g, " ");

/** The rule id's name in the interface's language; ids no pack knows get one built from their parts. */
export function ruleLabel(ruleId: string, language: TUiLanguage): string {
  const known = PACK_RULES[ruleId];
  if (known) return known[language];
  const parts = ruleId.split(".");
  const last = parts.at(-1) ?? ruleId;
  if (parts[0] === "grounding" && parts.length === 3) {
    const kind = humanise(last);
    if (parts[1] === "contradicted") return language === "zh" ? `与属性矛盾：${kind}` : `Contradicted: ${kind}`;
    return language === "zh" ? `缺少依据：${kind}` : `Unsupported: ${kind}`;
  }
  const made = MADE_RULES[last];
  if (made) {
    // zh.quality.full_width read in English gets "(zh)", en.* read in Chinese gets "（英文）".
    const foreign = (parts[0] === "zh" && language === "en") || (parts[0] === "en" && language === "zh");
    return foreign ? `${made[language]}${LOCALE_SUFFIX[language]}` : made[language];
  }
  return humanise(parts.slice(1).join(" · ") || ruleId);
}

/** Ids of the built-in packs' rules (for the coverage test and tools). */
export const builtInRuleIds = (): string[] => Object.values(BUILT_IN_PACKS).flatMap((p) => p.rules.map((r) => r.id));
