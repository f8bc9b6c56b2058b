// Progress goes to stderr so stdout stays clean for machine-readable output.
export type TProgress = { update(done: number, total: number, note?: string): void; finish(note?: string): void };

export function createProgress(label: string, enabled = true): TProgress {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let lastPct = -1;
  const render = (done: number, total: number, note = "") => {
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const pct = Math.floor(ratio * 100);
    if (tty) {
      const width = 28;
      const filled = Math.round(ratio * width);
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(pct).padStart(3)}% ${note}\x1b[K`,
      );
    } else if (pct >= lastPct + 10 || pct === 100) {
      lastPct = pct;
      process.stderr.write(`${label} ${pct}% ${note}\n`);
    }
  };
  return {
    update(done, total, note) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      render(done, total, note);
    },
    finish(note) {
      if (!enabled) return;
      if (tty) process.stderr.write(`\r${label} done ${note ?? ""}\x1b[K\n`);
      else process.stderr.write(`${label} done ${note ?? ""}\n`);
    },
  };
}
