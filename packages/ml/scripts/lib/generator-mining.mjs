// What a mined phrase may say. A template keeps the corpus's wording around an attribute value; it
// must not carry any other fact, because at generation time every fact in the output has to come
// from the product's own data. So a clause is kept only if, besides its slot, it names no
// attribute value (nor a part of one: 牛仔 of 牛仔布), colour, number or count, season, wearer
// (女/男/孩子), garment, garment part that is not the slot's own (领 only around a 领型 value), way
// of making (刺绣, 拼接, 镶钻), material property (透气, 保暖, 柔软) or brand, and no word that
// fewer than 3 references use (a rare word is a detail of one product, not language).
// Wording the linter objects to (独一无二, 最…) is removed separately, with `lint()` itself.

const COLOUR = /[红橙黄绿青蓝紫黑白灰粉棕褐金银藏驼杏咖]|[\u4e00-\u9fff]色/g;
const NOT_COLOUR =
  /白皙|明白|坦白|空白|青春|粉嫩|金属|黄金比例|黑科技|出色|气色|特色|本色|角色|脸色|成色|肤色|夜色|景色|色彩|亮色|暖色|青睐/g;
const SEASON = /[春夏秋冬]|季/;
const NUMBER =
  /\d|[一二两三四五六七八九十百千几]\s?[件粒个颗条层色款种套排枚片只双对块根米寸码]|(?:^|[^\u4e00-\u9fff])[多双两]\u0000|多个|多处|多层|多种/;
const WEARER = /女|男|孩|宝宝|童|妈|姐|妹|哥|弟|先生|绅士|老人/;
const FOREIGN = /BRAND|UNK|<|>|[a-z]|[“”"'‘’《》（）()]/i;
const FIT_AND_PLACE =
  /修身|紧身|贴身|宽松|oversize|过膝|及膝|及踝|长款|短款|中长|后身|前身|两侧|侧边|后背|背部|前胸|胸前|肩部|多口袋|礼服|西装|外套|夹克|大衣|[\u4e00-\u9fff](?:裙|裤|衫|衣|服)(?!身|橱|柜)/;
const PART =
  /领|袖|摆|腰|肩|背|胸|襟|兜|袋|扣|纽|链|褶|缝|边|片|绳|带|脚|裆|臀|衩|帽|盖|插|钻|珠|绣|印|纱|蕾|毛|里|衬|口/g;
// A part word is the slot's own when the slot's key or value names it.
const PART_OF_KEY = {
  领: /领/,
  袖: /袖/,
  摆: /摆|裙型/,
  腰: /腰/,
  襟: /襟/,
  扣: /襟|扣/,
  脚: /裤口|裤长|裤型/,
  帽: /帽/,
  口: /领|袖|裤口/,
};
const MAKING =
  /拆卸|提花|做旧|刺|压|烫|染|磨|镂|拼|绑|系|抽|钉|镶|贴|织|针|棉|麻|丝|绒|呢|皮|革|羊|纤|涤|氨|莫代尔|牛仔|雪纺|天丝|亮|闪|铆|流苏|印花|格|纹|波点|图案|字母|文字/;
/** Material properties: claims about the fabric, kept only around the material they were said of. */
export const PROPERTY =
  /保暖|透气|吸汗|吸湿|排汗|速干|防风|防水|防晒|抗皱|弹力|弹性|耐磨|耐穿|起球|变形|褪色|抗菌|亲肤|柔软|舒适|舒服|轻薄|厚实|保型|挺括|顺滑|丝滑|凉爽|清凉|垂感|垂坠|质感|手感|柔滑|光泽|细腻|光滑|轻盈|轻柔|透肉|吸水|悬垂|保温|厚|薄|软|滑|凉|暖/;

/**
 * What a garment does to the wearer's body (修饰身形, 显高, 拉长比例, 遮肉, 凸显曲线…): a claim only an
 * attribute (版型#显瘦) may make, so never the wording of a connective or filler, which cite nothing.
 */
export const BODY_EFFECT =
  /修饰|显瘦|显高(?!端)|显腿|曲线|身材|身形|身姿|比例|遮肉|藏肉|遮住|肤色|显白|纤细|高挑|苗条|拉长|拉伸|瘦|腿部修长/;

/** What a garment is good for (方便穿脱, 实用, 活动自如): likewise a claim, never a connective or filler's. */
export const USE_CLAIM = /方便|穿脱|便捷|便于|实用|活动|自如|不易|耐穿|耐磨/;

/**
 * Why `rest` (a clause with its slots replaced by \u0000) cannot be a template, or [] when it can.
 * `slotKeys` / `slotValues` are the attribute keys and values of its slots.
 */
export function miningRejections(rest, { slotKeys = [], slotValues = [], values, stems }) {
  const out = [];
  if (FOREIGN.test(rest)) out.push("foreign");
  if (NUMBER.test(rest)) out.push("number");
  if (SEASON.test(rest)) out.push("season");
  COLOUR.lastIndex = 0;
  if (COLOUR.test(rest.replace(NOT_COLOUR, ""))) out.push("colour");
  if (WEARER.test(rest)) out.push("wearer");
  if (FIT_AND_PLACE.test(rest)) out.push("fit_or_place");
  for (const p of rest.match(PART) ?? []) {
    const own = PART_OF_KEY[p];
    if (!slotKeys.some((k) => (own ? own.test(k) : k.includes(p))) && !slotValues.some((v) => v.includes(p))) {
      out.push("part");
      break;
    }
  }
  const making = MAKING.exec(rest);
  if (making && !slotValues.some((v) => v.includes(making[0]) || making[0].includes(v))) out.push("making");
  if (values.some((v) => containsValue(rest, v)) || stems.some((s) => rest.includes(s))) out.push("value");
  return out;
}

/** A value occurs in text; Latin values (v领's "v", "polo") only as whole words. */
export function containsValue(text, value) {
  let from = 0;
  for (;;) {
    const i = text.indexOf(value, from);
    if (i < 0) return false;
    from = i + 1;
    if (/^[a-z]/i.test(value) && /[a-z]/i.test(text[i - 1] ?? "")) continue;
    if (/[a-z]$/i.test(value) && /[a-z]/i.test(text[i + value.length] ?? "")) continue;
    return true;
  }
}

/** Occurrences of `values` in text, longest first, not overlapping, in text order. */
export function findValues(text, values) {
  const taken = new Uint8Array(text.length);
  const found = [];
  for (const v of [...values].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    let from = 0;
    for (;;) {
      const i = text.indexOf(v, from);
      if (i < 0) break;
      from = i + 1;
      if (/^[a-z]/i.test(v) && /[a-z]/i.test(text[i - 1] ?? "")) continue;
      if (/[a-z]$/i.test(v) && /[a-z]/i.test(text[i + v.length] ?? "")) continue;
      let free = true;
      for (let k = i; k < i + v.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      taken.fill(1, i, i + v.length);
      found.push({ start: i, end: i + v.length, value: v });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// Heads that multi-character values end in: what remains names the same fact (牛仔布 → 牛仔).
const HEADS = /(裙|裤|袖|领|边|色|布|衫|款|型|式|腰|口|扣|摆|服|衣|套|纹|花|点|片|装)$/;
export function valueStems(values) {
  const set = new Set(values);
  const stems = new Set();
  for (const v of values) {
    if (v.length < 3 || !HEADS.test(v)) continue;
    const s = v.replace(HEADS, "");
    if (s.length >= 2 && !set.has(s)) stems.add(s);
  }
  return [...stems].sort();
}

// Clause boundaries of Chinese ad copy (the enumeration comma 、 stays inside a clause).
const SPLIT = /([，。！；？!?;,~…]+)/;
export function clauses(text) {
  const parts = text.split(SPLIT);
  const out = [];
  for (let i = 0; i < parts.length; i += 2) {
    const c = parts[i].trim();
    if (c) out.push(c);
  }
  return out;
}

/** Clause openings and endings that leave a clause dangling when it stands alone. */
export const INCOMPLETE =
  /^(的|了|和|与|及|并|而|把|被|在|从|对|为|让|使|又|也|就|(?:加上|搭配|采用|配上|结合|融入|选用)的)|(的|了|和|与|及|并|而|把|被|在|从|对|为|让|使|是|有|这么|那么|较为|比较|一种|一个|一款|又|也|就|很|更|最|太|同时|起来|上身|穿着|加上|搭配|采用|打造|展现|彰显|尽显|凸显|带来|给人|显得|更显|使得|让你|以及|还有|而且|不仅|既|非常|十分|整体)$/;
