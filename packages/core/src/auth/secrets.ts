import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

// scrypt parameters are stored with each hash so they can be raised without invalidating old ones.
const N = 16_384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, KEYLEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, "base64url");
  const key = await scrypt(secret, Buffer.from(saltB64, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const sha256Hex = (s: string) => createHash("sha256").update(s).digest("hex");

export const newSessionToken = () => randomBytes(32).toString("base64url");

// API keys look like `tc_<prefix>_<secret>`: the prefix finds the row, the secret is checked against scrypt.
const API_KEY_RE = /^tc_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{20,200})$/;

export function newApiKey(): { key: string; prefix: string; secret: string } {
  const prefix = randomBytes(9).toString("base64url").replace(/[-_]/g, "x").slice(0, 12);
  const secret = randomBytes(32).toString("base64url");
  return { key: `tc_${prefix}_${secret}`, prefix, secret };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = API_KEY_RE.exec(key.trim());
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** A demo key supplied through DEMO_API_KEY must have our shape so it can be looked up like any other. */
export const isWellFormedApiKey = (key: string) => API_KEY_RE.test(key);
