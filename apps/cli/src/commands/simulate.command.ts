import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simulate, type TSimOptions, type TSimResult } from "@truecopy/core";

// `truecopy simulate [--impressions N --seed S --chart FILE.png|.svg --json]`: the serving policies
// against synthetic shoppers (core's simulator), a table of CTR and regret per policy, and the regret
// and CTR curves as a chart. PNGs are rasterised from the SVG by a headless Chromium when one is
// installed (Debian's /usr/bin/chromium); otherwise the SVG is written next to the asked-for path.

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const COLORS: Record<string, string> = {
  "thompson+mf": "#d62728",
  thompson: "#ff7f0e",
  uniform: "#7f7f7f",
  oracle: "#2ca02c",
};
const colorOf = (name: string) => COLORS[name] ?? "#1f77b4";

export type TSimulateOptions = Partial<TSimOptions> & { chart?: string; json?: boolean };

export function summaryLines(r: TSimResult): string[] {
  const oracle = r.policies.find((p) => p.name === "oracle")!;
  const uniform = r.policies.find((p) => p.name === "uniform")!;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = [
    `world: ${r.world.products} products, ${r.world.arms} variants, audiences ${r.world.segments.join(" ")}, mean true CTR ${pct(r.world.meanCtr)}; ${r.options.impressions} impressions, seed ${r.options.seed}, feedback every ${r.options.syncEvery}, model re-trained every ${r.options.retrainEvery}`,
    "",
    `${"policy".padEnd(24)} ${"CTR".padStart(7)} ${"exp. CTR".padStart(9)} ${"× oracle".padStart(9)} ${"last 20%".padStart(9)} ${"× oracle".padStart(9)} ${"vs uniform".padStart(10)} ${"regret".padStart(8)}`,
  ];
  for (const p of r.policies)
    lines.push(
      `${p.name.padEnd(24)} ${pct(p.ctr).padStart(7)} ${pct(p.expectedCtr).padStart(9)} ${(p.expectedCtr / oracle.expectedCtr).toFixed(3).padStart(9)} ${pct(p.finalExpectedCtr).padStart(9)} ${(p.finalExpectedCtr / oracle.finalExpectedCtr).toFixed(3).padStart(9)} ${`${((p.expectedCtr / uniform.expectedCtr - 1) * 100).toFixed(1)}%`.padStart(10)} ${p.regret.toFixed(0).padStart(8)}`,
    );
  lines.push(
    "",
    "CTR: realised clicks/impressions; exp. CTR: mean true click probability of what was shown (no coin-flip noise);",
    "last 20%: the same over the final fifth of the run; regret: expected clicks lost against the oracle.",
  );
  return lines;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Two panels: cumulative regret, and windowed expected CTR, against impressions. */
export function chartSvg(r: TSimResult): string {
  const W = 1180;
  const H = 520;
  const panel = { w: 470, h: 360, top: 80 };
  const lefts = [80, 650];
  const xs = r.points;
  const xMax = xs.at(-1) ?? 1;
  const maxRegret = Math.max(...r.policies.map((p) => p.regret), 1);
  const ctrs = r.policies.flatMap((p) => p.ctrCurve);
  const ctrMin = Math.min(...ctrs) * 0.95;
  const ctrMax = Math.max(...ctrs) * 1.03;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Noto Sans CJK SC, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="30" text-anchor="middle" font-size="18" font-weight="bold">truecopy serving simulator — ${r.world.products} products, ${r.world.arms} variants, ${r.world.segments.length} audiences, seed ${r.options.seed}</text>`,
  ];
  const axes = (left: number, title: string, yMax: number, yMin: number, fmt: (v: number) => string) => {
    const { w, h, top } = panel;
    out.push(`<text x="${left + w / 2}" y="${top - 14}" text-anchor="middle" font-size="15">${esc(title)}</text>`);
    out.push(`<rect x="${left}" y="${top}" width="${w}" height="${h}" fill="none" stroke="#333"/>`);
    for (let i = 0; i <= 4; i++) {
      const y = top + h - (h * i) / 4;
      const v = yMin + ((yMax - yMin) * i) / 4;
      out.push(`<line x1="${left}" x2="${left + w}" y1="${y}" y2="${y}" stroke="#eee"/>`);
      out.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(v)}</text>`);
      const xv = (xMax * i) / 4;
      const x = left + (w * i) / 4;
      out.push(
        `<text x="${x}" y="${top + h + 16}" text-anchor="middle" font-size="11">${Math.round(xv / 1000)}k</text>`,
      );
    }
    out.push(`<text x="${left + w / 2}" y="${top + h + 36}" text-anchor="middle" font-size="12">impressions</text>`);
  };
  const line = (left: number, ys: number[], yMax: number, yMin: number, color: string) => {
    const { w, h, top } = panel;
    const pts = ys.map(
      (y, i) => `${(left + (w * xs[i]!) / xMax).toFixed(1)},${(top + h - (h * (y - yMin)) / (yMax - yMin)).toFixed(1)}`,
    );
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2.2" points="${pts.join(" ")}"/>`);
  };
  axes(lefts[0]!, "cumulative regret (expected clicks lost vs oracle)", maxRegret, 0, (v) => v.toFixed(0));
  axes(lefts[1]!, "CTR of what was shown (per window)", ctrMax, ctrMin, (v) => `${(v * 100).toFixed(1)}%`);
  for (const p of r.policies) {
    line(lefts[0]!, p.curve, maxRegret, 0, colorOf(p.name));
    line(lefts[1]!, p.ctrCurve, ctrMax, ctrMin, colorOf(p.name));
  }
  const oracle = r.policies.find((p) => p.name === "oracle")!;
  let x = 80;
  r.policies.forEach((p) => {
    const y = H - 22;
    out.push(
      `<line x1="${x}" x2="${x + 24}" y1="${y - 4}" y2="${y - 4}" stroke="${colorOf(p.name)}" stroke-width="3"/>`,
    );
    out.push(
      `<text x="${x + 30}" y="${y}" font-size="12">${esc(p.name)} ${(p.expectedCtr / oracle.expectedCtr).toFixed(3)}× oracle</text>`,
    );
    x += 44 + (p.name.length + 14) * 7;
  });
  out.push("</svg>");
  return out.join("\n");
}

function rasterise(chromium: string, svgFile: string, png: string, size: { w: number; h: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--window-size=${size.w},${size.h}`,
        `--screenshot=${png}`,
        `file://${svgFile}`,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 && existsSync(png) ? resolve() : reject(new Error(`chromium exited ${code}: ${err.slice(-300)}`)),
    );
  });
}

export async function simulateCommand(o: TSimulateOptions): Promise<number> {
  const { chart, json, ...sim } = o;
  const started = performance.now();
  const result = simulate(sim);
  const seconds = (performance.now() - started) / 1000;
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${summaryLines(result).join("\n")}\n(simulated in ${seconds.toFixed(1)} s)\n`);
  if (!chart) return 0;
  const svg = chartSvg(result);
  const target = path.resolve(chart);
  if (target.endsWith(".svg")) {
    await writeFile(target, svg);
    process.stderr.write(`chart: ${target}\n`);
    return 0;
  }
  const chromium = CHROMIUM.find((c) => existsSync(c));
  if (!chromium) {
    const fallback = target.replace(/\.png$/i, "") + ".svg";
    await writeFile(fallback, svg);
    process.stderr.write(`no Chromium to rasterise with; wrote ${fallback}\n`);
    return 0;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "truecopy-sim-"));
  try {
    const svgFile = path.join(dir, "chart.svg");
    await writeFile(svgFile, svg);
    await rasterise(chromium, svgFile, target, { w: 1180, h: 520 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stderr.write(`chart: ${target}\n`);
  return 0;
}
