import { parseEnv, ZApiEnv, type TApiEnv } from "@truecopy/config";

export const loadEnv = (overrides: Record<string, string | undefined> = {}): TApiEnv =>
  parseEnv(ZApiEnv, { ...process.env, ...overrides });
