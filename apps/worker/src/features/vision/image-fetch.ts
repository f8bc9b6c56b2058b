import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { checkImageRef, isAllowedAddress } from "@truecopy/core";

// Remote product images are URLs typed by merchants: fetched with the webhook's SSRF rules (core's
// isAllowedAddress) applied to the address actually connected to — the connection's own DNS lookup
// refuses private, loopback and link-local addresses, and the response's socket is checked again —
// and with limits on time, size and content type. Redirects are followed a few times, each hop
// checked like the first URL.

/** Why a remote image could not be fetched; recorded on the image, never retried. */
export class ImageFetchError extends Error {
  override name = "ImageFetchError";
}

export type TFetchLimits = {
  maxBytes: number;
  timeoutMs: number;
  /** Private hosts or addresses an admin allowed (IMAGE_ALLOWED_HOSTS). */
  allowList: readonly string[];
  maxRedirects?: number;
};

export type TFetchedImage = { bytes: Buffer; contentType: string; address: string; url: string };

function guardedLookup(host: string, allowList: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, list) => {
      if (err) return callback(err, "", 0);
      const blocked = list.find((a) => !isAllowedAddress(host, a.address, allowList));
      if (blocked || !list.length)
        return callback(
          new ImageFetchError(`${hostname} resolves to ${blocked?.address ?? "nothing"}, not a public address`),
          "",
          0,
        );
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

type THop = { status: number; location?: string; body?: Buffer; contentType: string; address: string };

function getOnce(url: URL, host: string, limits: TFetchLimits, signal: AbortSignal): Promise<THop> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise<THop>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "GET",
        headers: { accept: "image/jpeg,image/png,image/webp,image/gif", "user-agent": "truecopy-image-check/1" },
        lookup: guardedLookup(host, limits.allowList),
        signal,
        agent: false,
      },
      (res) => {
        // The address the response came from (an IP literal host skips the lookup: check it here too).
        const address = res.socket.remoteAddress ?? "";
        if (!isAllowedAddress(host, address, limits.allowList)) {
          res.destroy();
          return reject(new ImageFetchError(`${url.hostname} answered from ${address}, not a public address`));
        }
        const status = res.statusCode ?? 0;
        const contentType = String(res.headers["content-type"] ?? "")
          .split(";")[0]!
          .trim()
          .toLowerCase();
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({
            status,
            contentType,
            address,
            ...(res.headers.location ? { location: res.headers.location } : {}),
          });
        }
        if (status !== 200) {
          res.resume();
          return reject(new ImageFetchError(`${url.hostname} answered HTTP ${status}`));
        }
        if (!/^image\/(jpeg|jpg|pjpeg|png|webp|gif)$/.test(contentType)) {
          res.destroy();
          return reject(
            new ImageFetchError(
              `the server sent ${contentType || "no content type"}, not a JPEG, PNG, WebP or GIF image`,
            ),
          );
        }
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > limits.maxBytes) {
          res.destroy();
          return reject(new ImageFetchError(`the image has ${declared} bytes; at most ${limits.maxBytes} are fetched`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > limits.maxBytes) {
            res.destroy();
            reject(new ImageFetchError(`the image is larger than ${limits.maxBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => resolve({ status, contentType, address, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Fetches a remote image within the limits; every refusal is an ImageFetchError saying why. */
export async function fetchImage(raw: string, limits: TFetchLimits): Promise<TFetchedImage> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = raw;
  for (let hop = 0; ; hop++) {
    const check = checkImageRef(current, { allowedHosts: limits.allowList });
    if (!check.ok) throw new ImageFetchError(`image URL refused: ${check.reason}`);
    if (check.ref.kind !== "url") throw new ImageFetchError(`image URL refused: ${current} is not an http(s) URL`);
    let res: THop;
    try {
      res = await getOnce(check.ref.url, check.ref.host, limits, signal);
    } catch (e) {
      if (e instanceof ImageFetchError) throw e;
      const err = e as NodeJS.ErrnoException;
      if (err.name === "AbortError" || err.name === "TimeoutError")
        throw new ImageFetchError(`no image within ${limits.timeoutMs} ms`);
      // A refusal raised inside the DNS lookup arrives wrapped by the request.
      if (err.cause instanceof ImageFetchError) throw err.cause;
      throw new ImageFetchError(`fetching ${check.ref.host} failed: ${err.code ?? err.message}`);
    }
    if (res.body) return { bytes: res.body, contentType: res.contentType, address: res.address, url: current };
    if (!res.location) throw new ImageFetchError(`${check.ref.host} redirected without a location`);
    if (hop >= (limits.maxRedirects ?? 3)) throw new ImageFetchError("too many redirects");
    current = new URL(res.location, check.ref.url).href;
  }
}
