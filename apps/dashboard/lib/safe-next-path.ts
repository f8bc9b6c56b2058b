// Only same-origin paths may be used as a post-login destination (no open redirects).
export function safeNextPath(raw: string | null | undefined, fallback = "/products"): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (raw.startsWith("/login")) return fallback;
  return raw;
}
