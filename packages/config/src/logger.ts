// Structured JSON lines on stdout: one event per line, machine-parsable, no dependency.
export type TLogger = Record<
  "debug" | "info" | "warn" | "error",
  (msg: string, fields?: Record<string, unknown>) => void
>;

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;

export function createLogger(service: string, level: keyof typeof LEVELS = "info"): TLogger {
  const min = LEVELS[level];
  const emit = (lvl: keyof typeof LEVELS) => (msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), level: lvl, service, msg, ...fields })}\n`);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}
