// A one-line summary of a job's payload for the jobs page: ids shortened, lists counted, long
// strings cut. Payloads carry ids by contract, but the summary never trusts that.

const MAX_STRING = 40;
const MAX_KEYS = 6;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function summariseValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    if (UUID.test(value)) return `${value.slice(0, 8)}…`;
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.length}]`;
  return "{…}";
}

export function summarisePayload(data: unknown): string {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return summariseValue(data);
  const entries = Object.entries(data as Record<string, unknown>);
  const shown = entries.slice(0, MAX_KEYS).map(([key, value]) => `${key}=${summariseValue(value)}`);
  if (entries.length > MAX_KEYS) shown.push(`+${entries.length - MAX_KEYS} more`);
  return shown.join(" ");
}
