import { median } from "../lib/stats.mjs";

export const GOAL_RATIO = 0.25;

const perSecond = (count, ms) => (count * 1000) / ms;
const seconds = (ms) => (ms / 1000).toFixed(2);
const rate = (r) => String(Math.round(r));
const ratio = (r) => `${r.toFixed(2)}x`;

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * The bench's result: one row per run, medians, and the closing line (always last) giving
 * products/s through `truecopy import` as a ratio of raw COPY rows/s measured in the same run.
 */
export function ingestReport({ products, runs, startupMs }) {
  const rows = runs.map((r) => {
    const copyRate = perSecond(products, r.copy.ms);
    const importRate = perSecond(products, r.import.ms);
    const reimportRate = perSecond(products, r.reimport.ms);
    return [
      String(r.index),
      r.order,
      seconds(r.copy.ms),
      rate(copyRate),
      seconds(r.import.ms),
      rate(importRate),
      ratio(importRate / copyRate),
      seconds(r.reimport.ms),
      rate(reimportRate),
      ratio(reimportRate / copyRate),
    ];
  });
  const copyRate = median(runs.map((r) => perSecond(products, r.copy.ms)));
  const importRate = median(runs.map((r) => perSecond(products, r.import.ms)));
  const reimportRate = median(runs.map((r) => perSecond(products, r.reimport.ms)));
  rows.push([
    "median",
    "",
    seconds(median(runs.map((r) => r.copy.ms))),
    rate(copyRate),
    seconds(median(runs.map((r) => r.import.ms))),
    rate(importRate),
    ratio(importRate / copyRate),
    seconds(median(runs.map((r) => r.reimport.ms))),
    rate(reimportRate),
    ratio(reimportRate / copyRate),
  ]);
  const header = [
    "run",
    "order",
    "COPY s",
    "rows/s",
    "import s",
    "products/s",
    "ratio",
    "re-import s",
    "products/s",
    "ratio",
  ];
  const importRatio = importRate / copyRate;
  const reimportRatio = reimportRate / copyRate;
  const verdict = importRatio >= GOAL_RATIO ? "" : " BELOW GOAL";
  return {
    importRatio,
    reimportRatio,
    text: [
      table(header, rows),
      "",
      `raw COPY: ${seconds(median(runs.map((r) => r.copy.renderMs)))} s of it reading the file and rendering COPY text in Node (median)`,
      `CLI process start-up (\`truecopy help\`, included in every import time): ${seconds(startupMs)} s median`,
      `re-import: ${rate(reimportRate)} products/s via truecopy import of unchanged rows vs ${rate(copyRate)} rows/s raw COPY = ${ratio(reimportRatio)}`,
      `ingest: ${rate(importRate)} products/s via truecopy import vs ${rate(copyRate)} rows/s raw COPY = ${ratio(importRatio)} (goal >= ${GOAL_RATIO}x)${verdict}`,
    ].join("\n"),
  };
}
