import { BlockList, isIP, isIPv4 } from "node:net";

// Webhook receivers are URLs typed by admins: without care they reach the machine's own services or
// the cloud metadata endpoint (SSRF). These checks are pure; the API runs them on creation and the
// worker again on the address it actually connects to (DNS may have changed in between).

export const MAX_WEBHOOK_URL_LENGTH = 2048;

// Addresses that are not the public internet: loopback, private, link-local (cloud metadata),
// carrier-grade NAT, documentation, benchmarking, multicast and reserved ranges.
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["100::", 64],
  ["2001:db8::", 32],
  ["2001::", 23],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, "ipv6");

/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4), if any. */
function embeddedIPv4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const dotted = /^(?:::ffff:(?:0:)?|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) {
    const hi = parseInt(sixToFour[1]!, 16);
    const lo = parseInt(sixToFour[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** True for an IP literal on the public internet; false for anything else (including non-IPs). */
export function isPublicIp(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 4) return !NON_PUBLIC.check(bare, "ipv4");
  const v4 = embeddedIPv4(bare);
  if (v4) return isIPv4(v4) && !NON_PUBLIC.check(v4, "ipv4");
  return !NON_PUBLIC.check(bare, "ipv6");
}

/** Parses an allow-list like "127.0.0.1, hooks.internal" into lower-case host names and addresses. */
export function parseHostAllowList(value: string | null | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, ""),
    )
    .filter(Boolean);
}

export type TWebhookUrlCheck = { ok: true; url: URL; host: string } | { ok: false; reason: string };

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/**
 * Checks a receiver URL before anything resolves it: http(s) only, no credentials, a host that is
 * not an obviously local name or a non-public IP literal (unless allow-listed). Names that resolve
 * to private addresses are caught by `isAllowedAddress` at connect time.
 */
export function checkWebhookUrl(raw: string, allowList: readonly string[] = []): TWebhookUrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, reason: `the URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "only http and https URLs" };
  if (url.username || url.password) return { ok: false, reason: "credentials in the URL are not allowed" };
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (!host) return { ok: false, reason: "the URL has no host" };
  if (allowList.includes(host)) return { ok: true, url, host };
  if (isIP(host)) {
    return isPublicIp(host) ? { ok: true, url, host } : { ok: false, reason: `${host} is not a public address` };
  }
  if (LOCAL_NAMES.test(host) || !host.includes(".")) return { ok: false, reason: `${host} is not a public host name` };
  return { ok: true, url, host };
}

/** Whether a resolved address may be connected to for `host` (public, or allow-listed by name or address). */
export function isAllowedAddress(host: string, address: string, allowList: readonly string[] = []): boolean {
  return allowList.includes(host.toLowerCase()) || allowList.includes(address.toLowerCase()) || isPublicIp(address);
}
