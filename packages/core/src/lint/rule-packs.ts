import zhCN from "./rule-packs/zh-CN.json" with { type: "json" };
import enUS from "./rule-packs/en-US.json" with { type: "json" };
import { compilePack, type TCompiledPack } from "./rule-engine.js";
import { parseRulePack, type TRulePack } from "./rule-pack.schema.js";
import type { TLintLocale } from "./types.js";

// The built-in packs ship inside the package (JSON imported as modules, so the built dist carries
// them) and are validated and compiled once, when this module loads: an invalid pack fails the
// process at start-up, not the first lint.

export const BUILT_IN_PACKS: Readonly<Record<TLintLocale, TRulePack>> = {
  zh: parseRulePack(zhCN, "rule-packs/zh-CN.json"),
  en: parseRulePack(enUS, "rule-packs/en-US.json"),
};

const compiled: Record<TLintLocale, TCompiledPack> = {
  zh: compilePack(BUILT_IN_PACKS.zh),
  en: compilePack(BUILT_IN_PACKS.en),
};

export const compiledPackFor = (locale: TLintLocale): TCompiledPack => compiled[locale];
