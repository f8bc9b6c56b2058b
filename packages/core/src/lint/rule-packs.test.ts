import { describe, expect, it } from "vitest";
import { lint } from "./lint.js";
import { BUILT_IN_PACKS } from "./rule-packs.js";

// Every rule documents itself with examples; here they are executed. `[...]` marks the span the
// rule must report; an example without brackets only needs the rule to fire somewhere.
const parseExample = (example: string) => {
  const start = example.indexOf("[");
  const end = example.indexOf("]", start);
  if (start < 0 || end < 0) return { text: example, span: null };
  return {
    text: example.slice(0, start) + example.slice(start + 1, end) + example.slice(end + 1),
    span: { start, end: end - 1 },
  };
};

describe.each(Object.values(BUILT_IN_PACKS))("rule pack $id@$version", (pack) => {
  const withExamples = pack.rules.filter((r) => r.examples);
  it("every rule has examples", () => {
    expect(pack.rules.filter((r) => !r.examples?.match.length).map((r) => r.id)).toEqual([]);
  });
  it.each(withExamples.map((r) => [r.id, r] as const))(
    "%s fires on its examples and not on its counter-examples",
    (_, rule) => {
      for (const example of rule.examples!.match) {
        const { text, span } = parseExample(example);
        const hits = lint({ text, locale: pack.locale }).findings.filter((f) => f.rule === rule.id);
        expect(hits, `${rule.id} on "${text}"`).not.toEqual([]);
        if (span)
          expect(
            hits.map((f) => text.slice(f.start, f.end)),
            `${rule.id} on "${text}"`,
          ).toContain(text.slice(span.start, span.end));
      }
      for (const text of rule.examples!.noMatch) {
        const hits = lint({ text, locale: pack.locale }).findings.filter((f) => f.rule === rule.id);
        expect(
          hits.map((f) => f.match),
          `${rule.id} must not fire on "${text}"`,
        ).toEqual([]);
      }
    },
  );
});
