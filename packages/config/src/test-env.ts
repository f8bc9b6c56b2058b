import type { z } from "zod";
import { assertTestDatabaseUrl, parseEnv, ZDatabaseEnv, ZRedisEnv } from "./env.js";

const ZTestEnv = ZDatabaseEnv.extend(ZRedisEnv.shape);
export type TTestEnv = z.infer<typeof ZTestEnv>;

/**
 * The environment integration tests run in. Refuses a database whose name does not end in `_test`,
 * so a test can never wipe a developer's data.
 */
export function testEnv(): TTestEnv {
  const env = parseEnv(ZTestEnv);
  assertTestDatabaseUrl(env.DATABASE_URL);
  return env;
}
