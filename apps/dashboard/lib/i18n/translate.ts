import { messages } from "./messages";
import type { TMessageKey } from "./messages";
import type { TLocale } from "./locale";

export type TVars = Record<string, string | number>;
export type TTranslate = (key: TMessageKey, vars?: TVars) => string;

/**
 * `{name}` placeholders are filled from `vars`; `{count|one|other}` picks a form by the number in
 * `count` (English needs it, Chinese has one form). Values are plain text: React escapes them.
 */
export function translate(locale: TLocale, key: TMessageKey, vars: TVars = {}): string {
  const template: string = messages[locale][key];
  return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (match, name: string, one?: string, other?: string) => {
    const value = vars[name];
    if (value === undefined) return match;
    if (one !== undefined && other !== undefined)
      return (Number(value) === 1 ? one : other).replace("#", String(value));
    return String(value);
  });
}

export function translator(locale: TLocale): TTranslate {
  return (key, vars) => translate(locale, key, vars);
}

export function hasMessage(key: string): key is TMessageKey {
  return Object.hasOwn(messages.en, key);
}

/** The label of an enum value (`finding.category.MEDICAL`); the value itself when there is none. */
export function enumLabel(t: TTranslate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
}
