import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Writes `rows` products from the CLI's scaled demo catalog as JSONL. The rows' own merchant slugs
 * are dropped so that `--merchant` puts every row into the bench's fresh merchant.
 */
export async function writeCatalogFile({ repoRoot, dir, rows, seed }) {
  const modulePath = path.join(repoRoot, "apps/cli/dist/seed/demo-catalog.js");
  if (!existsSync(modulePath)) throw new Error(`${modulePath} is missing: build the CLI first (see bench/README.md)`);
  const { scaledCatalog } = await import(pathToFileURL(modulePath).href);
  const file = path.join(dir, `catalog-${rows}-${seed}.jsonl`);
  const out = createWriteStream(file);
  let bytes = 0;
  for (const { merchant: _merchant, ...row } of scaledCatalog(rows, seed)) {
    const line = `${JSON.stringify(row)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { file, bytes };
}
