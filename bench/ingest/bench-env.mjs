// Benches are scripts run by hand or by CI, like scripts/**: the environment is read here, once.
// eslint-disable-next-line no-restricted-properties -- the one place a bench reads the environment
const source = process.env;

/** What the ingest bench takes from the environment: an optional database URL. */
export function benchEnv() {
  const databaseUrl = source.DATABASE_URL?.trim() || undefined;
  return { databaseUrl };
}

/** The environment for CLI child processes: the caller's, pointed at `databaseUrl`. */
export function childEnv(databaseUrl) {
  return { ...source, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" };
}
