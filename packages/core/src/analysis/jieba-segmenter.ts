import { createRequire } from "node:module";
import type * as JiebaModule from "@node-rs/jieba";
import type { Jieba as TJieba, TaggedWord } from "@node-rs/jieba";
import { PRODUCT_DICTIONARY, PRODUCT_POS } from "./product-dictionary.js";

// @node-rs/jieba is a CommonJS native addon; createRequire keeps it loadable from ESM under both
// Node and vitest. Loading the dictionary costs ~150 ms, so one instance per process, made on first use.
const require = createRequire(import.meta.url);
let instance: TJieba | null = null;

/** The process-wide jieba instance with the general and the product-domain dictionaries loaded. */
export function jieba(): TJieba {
  if (instance) return instance;
  const { Jieba } = require("@node-rs/jieba") as typeof JiebaModule;
  const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
  const j = Jieba.withDict(dict);
  j.loadDict(new TextEncoder().encode(PRODUCT_DICTIONARY));
  instance = j;
  return j;
}

/** Segments Han text into words with jieba POS tags (HMM on, for unknown words). */
export function tagChinese(text: string): TaggedWord[] {
  const tagged = jieba().tag(text, true);
  for (const t of tagged) {
    const pos = PRODUCT_POS.get(t.word);
    if (pos) t.tag = pos;
  }
  return tagged;
}
