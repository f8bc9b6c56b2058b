// A small keep-alive HTTP/1.1 load generator on raw sockets: `connections` sockets each send one
// request, wait for the whole response (Content-Length framing), record the latency and send the
// next, for `seconds` — as fast as the server answers, or paced to `rate` requests/s in total. Runs
// in its own process (see load-child.mjs) so it never shares an event loop with the server it
// measures. No dependencies: what it measures is the server, not a client library.
import net from "node:net";

// `headers` may be a list: connection i sends headers[i % length] (e.g. several API keys).
// `body` (with `method`, e.g. POST) is sent with a Content-Length, as JSON unless headers say otherwise.
export async function runLoad({
  host,
  port,
  path,
  method = "GET",
  body,
  headers = {},
  connections,
  seconds,
  rate,
  warmupSeconds = 1,
}) {
  const payload = body === undefined ? null : Buffer.from(body);
  const requests = (Array.isArray(headers) ? headers : [headers]).map((h) => {
    const all = payload ? { "content-type": "application/json", ...h, "content-length": String(payload.length) } : h;
    const head = Buffer.from(
      `${method} ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: keep-alive\r\n${Object.entries(all)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("")}\r\n`,
    );
    return payload ? Buffer.concat([head, payload]) : head;
  });
  // Paced: each connection sends every `interval` ms (never two at once), so `rate` is the total.
  const interval = rate ? (connections / rate) * 1000 : 0;
  const latencies = [];
  const statuses = new Map();
  let measuring = false;
  let stopped = false;
  let bytes = 0;
  const sockets = [];
  const one = (_, index) =>
    new Promise((resolve, reject) => {
      const request = requests[index % requests.length];
      const socket = net.connect({ host, port, noDelay: true });
      sockets.push(socket);
      let buf = Buffer.alloc(0);
      let started = 0n;
      let next = performance.now() + (interval * index) / connections;
      const write = () => {
        if (stopped) return (socket.end(), resolve());
        started = process.hrtime.bigint();
        socket.write(request);
      };
      const send = () => {
        if (!interval) return write();
        const wait = next - performance.now();
        next = Math.max(next + interval, performance.now());
        if (wait > 0) setTimeout(write, wait);
        else write();
      };
      socket.on("connect", send);
      socket.on("error", reject);
      socket.on("data", (chunk) => {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        for (;;) {
          const end = buf.indexOf("\r\n\r\n");
          if (end < 0) return;
          const head = buf.subarray(0, end).toString("latin1");
          const m = /content-length:\s*(\d+)/i.exec(head);
          const length = m ? Number(m[1]) : 0;
          if (buf.length < end + 4 + length) return;
          const status = Number(head.slice(9, 12));
          buf = buf.subarray(end + 4 + length);
          if (measuring) {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            bytes += end + 4 + length;
          }
          send();
        }
      });
    });
  const all = Array.from({ length: connections }, one);
  await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  stopped = true;
  await Promise.race([Promise.allSettled(all), new Promise((r) => setTimeout(r, 2000))]);
  for (const s of sockets) s.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    max: latencies.at(-1) ?? NaN,
    statuses: Object.fromEntries(statuses),
    bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
  };
}
