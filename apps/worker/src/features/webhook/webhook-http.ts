import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { checkWebhookUrl, isAllowedAddress } from "@truecopy/core";

/** The receiver's address is not allowed (private, loopback…): retrying cannot help. */
export class BlockedDestinationError extends Error {
  override name = "BlockedDestinationError";
}

export type TPostResult = { status: number; body: string };

const MAX_RESPONSE_BYTES = 4096;

/**
 * A DNS lookup that refuses private addresses, used as the connection's own lookup: the address
 * checked is the address connected to (no gap for DNS rebinding between a check and the request).
 */
function guardedLookup(host: string, allowList: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, list) => {
      if (err) return callback(err, "", 0);
      const blocked = list.find((a) => !isAllowedAddress(host, a.address, allowList));
      if (blocked || !list.length) {
        const e = new BlockedDestinationError(
          `${hostname} resolves to ${blocked?.address ?? "nothing"}, not a public address`,
        );
        return callback(e, "", 0);
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * POSTs `body` to `url` with `headers`; resolves with the status and the start of the response
 * body, rejects on network errors and after `timeoutMs` in total. Redirects are not followed (a
 * redirect could point anywhere, including inside our network).
 */
export function postWebhook(o: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowList: readonly string[];
}): Promise<TPostResult> {
  const check = checkWebhookUrl(o.url, o.allowList);
  if (!check.ok) return Promise.reject(new BlockedDestinationError(`webhook URL refused: ${check.reason}`));
  const client = check.url.protocol === "https:" ? https : http;
  return new Promise<TPostResult>((resolve, reject) => {
    const req = client.request(
      check.url,
      {
        method: "POST",
        headers: { ...o.headers, "content-length": Buffer.byteLength(o.body).toString() },
        lookup: guardedLookup(check.host, o.allowList),
        signal: AbortSignal.timeout(o.timeoutMs),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_RESPONSE_BYTES),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", (e: Error) =>
      reject(e.name === "AbortError" || e.name === "TimeoutError" ? new Error(`timed out after ${o.timeoutMs} ms`) : e),
    );
    req.end(o.body);
  });
}
