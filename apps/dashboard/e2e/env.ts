// The browser test's environment, read once: where the test database and Redis are, and what the
// services it starts inherit.

export type TE2eEnv = {
  databaseUrl: string;
  redisUrl: string;
  /** Base for this run's queue prefix; the run appends its own id. */
  queuePrefixBase: string;
  logLevel: string;
  /** Where to save the page screenshots kept in the repo (docs/screenshots); null: a temporary folder. */
  screenshotsDir: string | null;
  /** Passed on to the child processes (PATH, HOME, …), which parse what they need themselves. */
  inherited: NodeJS.ProcessEnv;
};

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} must be set for the browser test`);
  return value;
}

// The test writes users, merchants and products: never against a database that is not a test one.
function assertTestDatabase(url: string): void {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must start with postgres:// or postgresql://");
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name.endsWith("_test"))
    throw new Error(`refusing to run against database "${name}": its name must end with _test`);
}

export function e2eEnv(): TE2eEnv {
  const databaseUrl = required("DATABASE_URL");
  assertTestDatabase(databaseUrl);
  const redisUrl = required("REDIS_URL");
  if (!/^redis:\/\//.test(redisUrl)) throw new Error("REDIS_URL must start with redis://");
  const queuePrefixBase = process.env.TRUECOPY_QUEUE_PREFIX || "truecopy-test";
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(queuePrefixBase))
    throw new Error("TRUECOPY_QUEUE_PREFIX: letters, digits, _ . - only");
  return {
    databaseUrl,
    redisUrl,
    queuePrefixBase,
    logLevel: process.env.LOG_LEVEL || "info",
    screenshotsDir: process.env.TRUECOPY_SCREENSHOTS_DIR || null,
    inherited: { ...process.env },
  };
}
