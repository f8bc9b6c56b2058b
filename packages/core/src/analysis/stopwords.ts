// Function words that carry no product meaning; used by keyphrases and anything that weighs words.
const ZH = `的 了 和 与 及 或 是 在 有 也 都 就 而 且 并 被 把 给 让 对 从 向 以 为 于 之 其 这 那 此 该 各 每 个 些
一 一款 一个 一种 这款 这个 那个 我们 你们 他们 我 你 他 她 它 您 自己 可以 能 会 要 将 可 很 更 最 非常 十分 特别
还 又 再 才 只 已 已经 正在 着 过 吗 呢 吧 啊 呀 哦 嗯 么 等 等等 不 没 没有 无需 如果 因为 所以 但是 但 虽然 即使
只要 无论 不仅 而且 以及 通过 使用 进行 采用 支持 带来 让您 即可 就是 还是 还有 以上 以下 左右 约 大约 多 少 内 外 上 下 中
时 后 前 里 起 来 去 做 用 得 地 着 所 如 比 同 跟 像 适合 适用 搭配 都能 不会 一直 随时 轻松`;
const EN = `a an the and or but nor so yet of in on at to for from by with without into onto over under about
above below between through during before after as than then that this these those it its it's is are was were be
been being am do does did doing have has had having can could will would shall should may might must not no
you your yours we our ours they their them he she his her i me my mine us who whom which what when where why how
all any both each every few more most other some such only own same too very just also there here up down out off
again once if because while until s t don isn aren wasn weren won doesn didn let lets get gets got one`;

const ZH_STOPWORDS = new Set(ZH.split(/\s+/).filter(Boolean));
const EN_STOPWORDS = new Set(EN.split(/\s+/).filter(Boolean));

/** True for a Chinese or English function word (English compared lower-cased). */
export function isStopword(word: string): boolean {
  return ZH_STOPWORDS.has(word) || EN_STOPWORDS.has(word.toLowerCase());
}

export const STOPWORDS: { zh: ReadonlySet<string>; en: ReadonlySet<string> } = { zh: ZH_STOPWORDS, en: EN_STOPWORDS };
