import { randomUUID } from "node:crypto";
import { testEnv } from "@truecopy/config";
import { createDatabase, type TDatabase } from "./client.js";
import { migrate } from "./migrate.js";
import { ensureMerchant } from "./merchant.repo.js";

/** A migrated test database (name must end in _test) and a merchant of the test's own. */
export async function openTestDatabase(): Promise<TDatabase & { url: string }> {
  const { DATABASE_URL } = testEnv();
  await migrate(DATABASE_URL);
  return Object.assign(createDatabase(DATABASE_URL, { poolMax: 6, applicationName: "truecopy-test" }), {
    url: DATABASE_URL,
  });
}

export async function createTestMerchant(db: TDatabase, label = "m"): Promise<{ id: string; slug: string }> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  return { id: await ensureMerchant(db.pool, { slug, name: `Test ${slug}` }), slug };
}
