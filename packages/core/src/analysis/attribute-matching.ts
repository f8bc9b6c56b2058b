/**
 * Every match of a global regex in `s`, like `s.matchAll(re)` but without the copy of the regex
 * `matchAll` makes on each call: extraction runs dozens of patterns per text, and those copies
 * were a large share of its time.
 */
export function matches(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    out.push(m);
    // An empty match would loop forever.
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

const NONE: RegExpExecArray[] = [];
/**
 * `matches(re, s)` when `gate` (a cheap test: a keyword or character the pattern cannot match
 * without) finds something in `s`, else no matches: most patterns find nothing in most texts.
 */
export function gatedMatches(gate: RegExp, re: RegExp, s: string): RegExpExecArray[] {
  return gate.test(s) ? matches(re, s) : NONE;
}
