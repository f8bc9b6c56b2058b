import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canConnect,
  databaseNameOf,
  findFreePort,
  pingRedis,
  startEmbeddedPostgres,
  startEmbeddedRedis,
} from "./services.mjs";

type TService = Awaited<ReturnType<typeof startEmbeddedPostgres>>;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(url);
  await client.connect();
  return client;
}

describe("embedded PostgreSQL (in memory)", () => {
  let service: TService;
  beforeAll(async () => {
    service = await startEmbeddedPostgres({ database: "truecopy_test" });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("accepts a _test database name in the URL", async () => {
    expect(databaseNameOf(service.url)).toBe("truecopy_test");
    const client = await connect(service.url);
    const { rows } = await client.query<{ one: number }>("SELECT 1 AS one");
    expect(rows[0]?.one).toBe(1);
    await client.end();
  });

  it("runs pgvector: extension, HNSW index and <=> ordering", async () => {
    const client = await connect(service.url);
    await client.query("CREATE EXTENSION IF NOT EXISTS vector");
    await client.query("CREATE TABLE items (id int PRIMARY KEY, embedding vector(3) NOT NULL)");
    const vectors: Record<number, string> = { 1: "[1,0,0]", 2: "[0,1,0]", 3: "[0.9,0.1,0]", 4: "[0,0,1]" };
    for (const [id, v] of Object.entries(vectors))
      await client.query("INSERT INTO items VALUES ($1, $2::vector)", [id, v]);
    await client.query("CREATE INDEX items_embedding_hnsw ON items USING hnsw (embedding vector_cosine_ops)");
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_seqscan = off");
    const plan = await client.query("EXPLAIN SELECT id FROM items ORDER BY embedding <=> '[1,0,0]' LIMIT 2");
    const { rows } = await client.query<{ id: number }>(
      "SELECT id FROM items ORDER BY embedding <=> $1::vector LIMIT 2",
      ["[1,0,0]"],
    );
    await client.query("COMMIT");
    expect(JSON.stringify(plan.rows)).toContain("items_embedding_hnsw");
    expect(rows.map((row) => row.id)).toEqual([1, 3]);
    await client.end();
  });

  it("serialises concurrent transactions from several clients without lost updates", async () => {
    const setup = await connect(service.url);
    await setup.query("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)");
    await setup.query("INSERT INTO counters VALUES (1, 0)");
    const clients = await Promise.all([1, 2, 3].map(() => connect(service.url)));
    await Promise.all(
      clients.map(async (client) => {
        for (let i = 0; i < 10; i++) {
          await client.query("BEGIN");
          const { rows } = await client.query<{ n: number }>("SELECT n FROM counters WHERE id = 1");
          await new Promise((resolve) => setTimeout(resolve, 2));
          await client.query("UPDATE counters SET n = $1 WHERE id = 1", [(rows[0]?.n ?? 0) + 1]);
          await client.query("COMMIT");
        }
      }),
    );
    const { rows } = await setup.query<{ n: number }>("SELECT n FROM counters WHERE id = 1");
    expect(rows[0]?.n).toBe(30);
    await Promise.all([...clients, setup].map((client) => client.end()));
  });

  it("keeps each client's extended-protocol cycle whole when messages arrive in pieces", async () => {
    // 200 kB parameters reach the server in several TCP reads: without the session-aware queue
    // another client's Parse lands between this client's Parse and Bind.
    const clients = await Promise.all([1, 2, 3, 4].map(() => connect(service.url)));
    const big = "x".repeat(200_000);
    const errors: string[] = [];
    await Promise.all(
      clients.map(async (client, k) => {
        for (let i = 0; i < 15; i++) {
          try {
            if (k % 2 === 0) {
              const { rows } = await client.query<{ r: number }>("SELECT length($1::text) + $2::int AS r", [big, i]);
              if (rows[0]?.r !== big.length + i) errors.push(`wrong result ${rows[0]?.r}`);
            } else {
              const { rows } = await client.query<{ r: number }>("SELECT $1::int AS r", [i]);
              if (rows[0]?.r !== i) errors.push(`wrong result ${rows[0]?.r}`);
            }
          } catch (error) {
            errors.push((error as Error).message);
          }
        }
      }),
    );
    expect(errors).toEqual([]);
    await Promise.all(clients.map((client) => client.end()));
  });

  it("rolls back and frees the server when a client disconnects inside a transaction", async () => {
    const [a, b] = await Promise.all([connect(service.url), connect(service.url)]);
    await a.query("CREATE TABLE flags (id int PRIMARY KEY, on_ boolean NOT NULL)");
    await a.query("INSERT INTO flags VALUES (1, false)");
    const dropped = await connect(service.url);
    dropped.on("error", () => {});
    await dropped.query("BEGIN");
    await dropped.query("UPDATE flags SET on_ = true WHERE id = 1");
    const pending = b.query<{ on_: boolean }>("SELECT on_ FROM flags WHERE id = 1");
    (dropped as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
    expect((await pending).rows[0]?.on_).toBe(false);
    await Promise.all([a.end(), b.end()]);
  });

  it("never shows one client's uncommitted rows to another", async () => {
    const [a, b] = await Promise.all([connect(service.url), connect(service.url)]);
    await a.query("CREATE TABLE notes (id int PRIMARY KEY)");
    await a.query("BEGIN");
    await a.query("INSERT INTO notes VALUES (1)");
    const seenByB = b.query<{ count: string }>("SELECT count(*) FROM notes");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await a.query("ROLLBACK");
    expect((await seenByB).rows[0]?.count).toBe("0");
    await Promise.all([a.end(), b.end()]);
  });
});

describe("embedded PostgreSQL with a data directory", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "truecopy-pg-"));
  const dataDir = path.join(dir, "pg");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps data across restarts and lets a second caller reuse the running server", async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    const client = await connect(first.url);
    await client.query("CREATE TABLE kept (v text)");
    await client.query("INSERT INTO kept VALUES ('still here')");
    await client.end();

    const second = await startEmbeddedPostgres({ dataDir });
    expect(second.reused).toBe(true);
    expect(second.port).toBe(first.port);
    await second.stop();
    expect(await canConnect({ port: first.port })).toBe(true);

    await first.stop();
    expect(fs.existsSync(`${dataDir}.lock.json`)).toBe(false);
    expect(await canConnect({ port: first.port })).toBe(false);

    const third = await startEmbeddedPostgres({ dataDir });
    expect(third.reused).toBe(false);
    const again = await connect(third.url);
    const { rows } = await again.query<{ v: string }>("SELECT v FROM kept");
    expect(rows).toEqual([{ v: "still here" }]);
    await again.end();
    await third.stop();
  });
});

describe("embedded Redis", () => {
  it("answers PING on its port and is gone after stop", async () => {
    const redis = await startEmbeddedRedis({ persist: false });
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await pingRedis({ port: redis.port })).toBe(true);
    await redis.stop();
    expect(await pingRedis({ port: redis.port })).toBe(false);
  });

  it("keeps an append-only file in its directory when persisting", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "truecopy-redis-"));
    const redis = await startEmbeddedRedis({ dir, persist: true });
    await redis.stop();
    expect(fs.readdirSync(dir).some((name) => name.startsWith("appendonly"))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("findFreePort", () => {
  it("returns the preferred port when free and another one when taken", async () => {
    const port = await findFreePort();
    expect(await findFreePort({ preferred: port })).toBe(port);
    const net = await import("node:net");
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const other = await findFreePort({ preferred: port });
    expect(other).not.toBe(port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
