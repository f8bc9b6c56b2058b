import { parseEnv, ZCliEnv, type TCliEnv } from "@truecopy/config";

export const loadEnv = (): TCliEnv => parseEnv(ZCliEnv);

export function requireDatabaseUrl(env: TCliEnv): string {
  if (!env.DATABASE_URL)
    throw new Error("DATABASE_URL is not set (run through `npm run -s truecopy -- …` to use the embedded database)");
  return env.DATABASE_URL;
}
