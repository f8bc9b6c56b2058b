import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

// The load suite in CI: the same bench as `npm run bench:load`, shortened, against the built API in
// production mode on a scratch database. What is asserted is what must hold on any machine: every
// paced /serve request and every GraphQL product query from 100 concurrent clients is answered 200.
// Latencies are printed, never asserted (a shared CI machine's timings say nothing).

const bench = fileURLToPath(new URL("./load.bench.mjs", import.meta.url));

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The bench inherits the suite's DATABASE_URL and REDIS_URL and makes a scratch database of its own.
    const child = spawn(process.execPath, [bench, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("load", () => {
  it("answers /serve paced at 1,000 requests/s and GraphQL product lists from 100 clients without an error", async () => {
    const r = await runBench([
      "--serve-rate",
      "1000",
      "--serve-seconds",
      "10",
      "--graphql-clients",
      "100",
      "--graphql-seconds",
      "5",
      "--products",
      "200",
    ]);
    process.stderr.write(r.stdout);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const serve = /^serve @ .*?(\{.*\})$/m.exec(r.stdout);
    const graphql = /^graphql × .*?(\{.*\})$/m.exec(r.stdout);
    expect(serve, r.stdout).not.toBeNull();
    expect(graphql, r.stdout).not.toBeNull();
    const serveStatuses = JSON.parse(serve![1]!) as Record<string, number>;
    const graphqlStatuses = JSON.parse(graphql![1]!) as Record<string, number>;
    expect(Object.keys(serveStatuses)).toEqual(["200"]);
    expect(Object.keys(graphqlStatuses)).toEqual(["200"]);
    // How many got sent depends on the machine (the rate is printed); that they ran at all does not.
    expect(serveStatuses["200"]).toBeGreaterThan(1_000);
    expect(graphqlStatuses["200"]).toBeGreaterThan(100);
    expect(r.stdout).toMatch(/serve: \d+ requests at \d+\/s, 0 errors/);
    expect(r.stdout).toMatch(/graphql: 0 errors/);
  }, 300_000);
});
