// Numbers as copy writes them: Arabic digits with thousands separators or decimal commas
// ("10,000", "1,5"), a trailing 万 ("11万转"), and Chinese numerals ("三十天", "两小时", "一百二十瓦").

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters a Chinese numeral is made of (for building patterns). */
export const CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万";

/** The value of a Chinese numeral (三十 → 30, 一百零五 → 105, 两万 → 20000), or NaN. */
export function parseChineseNumeral(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = SMALL_UNITS[ch];
    if (unit !== undefined) {
      // "十" alone at the start is ten ("十二" = 12).
      section += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
      continue;
    }
    if (ch === "万") {
      total += (section + Math.max(digit, 0)) * 10_000;
      section = 0;
      digit = -1;
      continue;
    }
    return NaN;
  }
  return total + section + Math.max(digit, 0);
}

/**
 * The value of a number as written: Arabic ("1.5", "10,000", "1,5" as a decimal comma), with an
 * optional 万 after it, or a Chinese numeral.
 */
export function parseNumber(raw: string): number {
  const s = raw.trim();
  if (/^[\d.,]+万?$/.test(s)) {
    const wan = s.endsWith("万");
    const digits = wan ? s.slice(0, -1) : s;
    const comma = digits.indexOf(",");
    // "10,000" groups thousands; "1,5" is a decimal comma.
    const plain = comma >= 0 ? digits.replace(/,/g, digits.length - comma === 4 ? "" : ".") : digits;
    const n = Number(plain);
    return wan ? n * 10_000 : n;
  }
  return parseChineseNumeral(s);
}
