import net from "node:net";

// Deletes the keys a test run's queues left in Redis. Speaks just enough RESP for one EVAL, so the
// browser test needs no Redis client of its own.

const DELETE_BY_PATTERN = `
local cursor = "0"
local deleted = 0
repeat
  local reply = redis.call("SCAN", cursor, "MATCH", ARGV[1], "COUNT", 1000)
  cursor = reply[1]
  for _, key in ipairs(reply[2]) do
    deleted = deleted + redis.call("DEL", key)
  end
until cursor == "0"
return deleted
`;

function encodeCommand(parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join("")}`;
}

export async function deleteRedisKeys(redisUrl: string, pattern: string): Promise<number> {
  const url = new URL(redisUrl);
  if (url.protocol !== "redis:") throw new Error(`cleanup supports redis:// URLs only, got ${url.protocol}`);
  const commands: string[][] = [];
  if (url.password) {
    commands.push(
      url.username
        ? ["AUTH", decodeURIComponent(url.username), decodeURIComponent(url.password)]
        : ["AUTH", decodeURIComponent(url.password)],
    );
  }
  const db = url.pathname.replace(/^\//, "");
  if (db !== "") commands.push(["SELECT", db]);
  commands.push(["EVAL", DELETE_BY_PATTERN, "0", pattern]);

  return new Promise<number>((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379) });
    let buffer = "";
    let replies = 0;
    socket.setTimeout(10_000, () => socket.destroy(new Error("Redis cleanup timed out")));
    socket.on("connect", () => socket.write(commands.map(encodeCommand).join("")));
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        replies += 1;
        if (line.startsWith("-")) {
          socket.destroy();
          reject(new Error(`Redis: ${line.slice(1)}`));
          return;
        }
        if (replies === commands.length) {
          socket.end();
          resolve(line.startsWith(":") ? Number(line.slice(1)) : 0);
          return;
        }
      }
    });
    socket.on("error", reject);
  });
}
