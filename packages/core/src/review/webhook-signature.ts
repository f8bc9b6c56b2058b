import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Outgoing webhooks are signed like Stripe's: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
// The timestamp is inside the MAC, so a captured request cannot be replayed after the tolerance.

export const WEBHOOK_SIGNATURE_HEADER = "x-truecopy-signature";
export const WEBHOOK_EVENT_HEADER = "x-truecopy-event";
export const WEBHOOK_DELIVERY_HEADER = "x-truecopy-delivery";
/** Receivers should refuse signatures older (or newer) than this. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** The events an endpoint can subscribe to. */
export const WEBHOOK_EVENTS = ["variant.published"] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const isWebhookEvent = (v: unknown): v is TWebhookEvent =>
  typeof v === "string" && (WEBHOOK_EVENTS as readonly string[]).includes(v);

/** A new endpoint secret (`whsec_` + 32 random bytes); it is the HMAC key, shown once. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");

export function signWebhookPayload(o: { secret: string; body: string; timestamp: number }): string {
  if (!Number.isInteger(o.timestamp)) throw new Error("timestamp must be whole unix seconds");
  return `t=${o.timestamp},v1=${hmac(o.secret, o.timestamp, o.body)}`;
}

export type TSignatureCheck =
  { valid: true; timestamp: number } | { valid: false; reason: "malformed" | "expired" | "mismatch" };

/**
 * Verifies a signature header over the raw request body. Several `v1=` entries are accepted (one
 * matching is enough) so a sender can sign with an old and a new secret during rotation; several
 * secrets can be passed for the same reason on the receiving side.
 */
export function verifyWebhookSignature(o: {
  header: string | null | undefined;
  body: string;
  secret: string | readonly string[];
  toleranceSeconds?: number;
  nowSeconds?: number;
}): TSignatureCheck {
  if (!o.header || o.header.length > 4096) return { valid: false, reason: "malformed" };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of o.header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 1) return { valid: false, reason: "malformed" };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (!/^\d{1,12}$/.test(value)) return { valid: false, reason: "malformed" };
      timestamp = Number(value);
    } else if (key === "v1") {
      if (!/^[0-9a-f]{64}$/.test(value)) return { valid: false, reason: "malformed" };
      signatures.push(value);
    }
  }
  if (timestamp === null || !signatures.length) return { valid: false, reason: "malformed" };
  const now = o.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (o.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS))
    return { valid: false, reason: "expired" };
  const secrets = typeof o.secret === "string" ? [o.secret] : o.secret;
  for (const secret of secrets) {
    const expected = Buffer.from(hmac(secret, timestamp, o.body), "hex");
    for (const s of signatures) {
      if (timingSafeEqual(expected, Buffer.from(s, "hex"))) return { valid: true, timestamp };
    }
  }
  return { valid: false, reason: "mismatch" };
}
