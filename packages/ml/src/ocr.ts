// Text in product images: PaddleOCR v4 detection (DB) and recognition (SVTR-LCNet, CTC) run with
// onnxruntime-node directly, pre- and post-processing as PaddleOCR's own inference code does it
// (BGR channel order, ImageNet normalisation for detection, [-1, 1] for recognition, height 48).
// The arithmetic around the models (boxes, decoding, reading order) is pure and lives in core.
import * as ort from "onnxruntime-node";
import {
  cropQuad,
  ctcGreedyDecode,
  dbTextRegions,
  inkProfile,
  joinLineBoxes,
  quadBox,
  readingOrder,
  restoreWordSpaces,
  scaleQuad,
  type TDbOptions,
  type TOcrLine,
  type TQuad,
  type TRaster,
} from "@truecopy/core";
import { resizeRaster } from "./image-decoder.js";
import { loadOcrModelFiles, OCR_MODEL } from "./ocr-models.js";

export type TOcrOptions = {
  /** Long side the detector sees (PaddleOCR: 960). Smaller is faster and misses small text. */
  detectionSide?: number;
  /** Lines recognised with a lower mean probability are dropped (PaddleOCR: 0.5). */
  minConfidence?: number;
  /** Crops per recognition run (PaddleOCR: 6). */
  recognitionBatch?: number;
  /** Threads per ONNX session (default: onnxruntime's choice, all cores). */
  threads?: number;
  detection?: TDbOptions;
};

export type TOcrResult = {
  lines: TOcrLine[];
  /** Milliseconds spent in detection and in recognition. */
  timings: { detectMs: number; recognizeMs: number };
};

export type TOcr = {
  model: { name: string; version: string };
  /**
   * Reads the text of an image. `scale` is the raster's size over the image's stored size when the
   * raster was downscaled; boxes are reported in the stored image's pixels.
   */
  recognize(image: TRaster, options?: { scale?: number }): Promise<TOcrResult>;
};

const DET_MEAN = [0.485, 0.456, 0.406];
const DET_STD = [0.229, 0.224, 0.225];
const REC_HEIGHT = 48;
/** PaddleOCR's minimum recognition width ratio (320 / 48). */
const REC_MIN_RATIO = 320 / 48;
/** Wider crops are split by width anyway by the model's receptive field; bound memory. */
const REC_MAX_WIDTH = 3200;

type TSessions = { det: ort.InferenceSession; rec: ort.InferenceSession; charset: string[] };
const sessions = new Map<string, Promise<TSessions>>();

function loadSessions(threads: number | undefined): Promise<TSessions> {
  const key = String(threads ?? "default");
  let s = sessions.get(key);
  if (!s) {
    s = (async () => {
      const files = await loadOcrModelFiles();
      const opts: ort.InferenceSession.SessionOptions = {
        executionProviders: ["cpu"],
        graphOptimizationLevel: "all",
        ...(threads ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}),
      };
      const [det, rec] = await Promise.all([
        ort.InferenceSession.create(files.detection, opts),
        ort.InferenceSession.create(files.recognition, opts),
      ]);
      return { det, rec, charset: files.charset };
    })();
    // A failed load must not poison the cache: the next call retries.
    s.catch(() => sessions.delete(key));
    sessions.set(key, s);
  }
  return s;
}

/** Releases the OCR sessions (tests and graceful shutdown). */
export async function releaseOcrSessions(): Promise<void> {
  const pending = [...sessions.values()];
  sessions.clear();
  for (const r of await Promise.allSettled(pending))
    if (r.status === "fulfilled") await Promise.all([r.value.det.release(), r.value.rec.release()]);
}

/** [1, 3, H, W] float tensor in BGR order: (value / 255 − mean) / std per channel. */
function toTensor(img: TRaster, mean: number[], std: number[], width = img.width): ort.Tensor {
  const { height, channels, data } = img;
  const plane = height * width;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const src = 2 - c; // BGR: channel 0 is blue
    const m = mean[c]!;
    const s = std[c]!;
    // Padding (width beyond the image) stays at the normalised value of 0, as PaddleOCR pads.
    for (let y = 0; y < height; y++)
      for (let x = 0; x < img.width; x++)
        out[c * plane + y * width + x] = (data[(y * img.width + x) * channels + src]! / 255 - m) / s;
  }
  return new ort.Tensor("float32", out, [1, 3, height, width]);
}

function concatTensors(tensors: ort.Tensor[]): ort.Tensor {
  const dims = tensors[0]!.dims;
  const size = (tensors[0]!.data as Float32Array).length;
  const out = new Float32Array(size * tensors.length);
  tensors.forEach((t, i) => out.set(t.data as Float32Array, i * size));
  return new ort.Tensor("float32", out, [tensors.length, dims[1]!, dims[2]!, dims[3]!]);
}

export function createOcr(options: TOcrOptions = {}): TOcr {
  const detectionSide = options.detectionSide ?? 960;
  const minConfidence = options.minConfidence ?? 0.5;
  const batch = Math.max(1, options.recognitionBatch ?? 6);

  async function detect(s: TSessions, img: TRaster): Promise<TQuad[]> {
    const ratio = Math.min(1, detectionSide / Math.max(img.width, img.height));
    const w = Math.max(32, Math.round((img.width * ratio) / 32) * 32);
    const h = Math.max(32, Math.round((img.height * ratio) / 32) * 32);
    const resized = await resizeRaster(img, w, h);
    const out = await s.det.run({ [s.det.inputNames[0]!]: toTensor(resized, DET_MEAN, DET_STD) });
    const prob = out[s.det.outputNames[0]!]!;
    const [, , ph, pw] = prob.dims as number[];
    const regions = dbTextRegions(prob.data as Float32Array, pw!, ph!, options.detection);
    return regions.map((r) => scaleQuad(r.quad, img.width / pw!, img.height / ph!));
  }

  async function recognizeCrops(s: TSessions, crops: TRaster[]) {
    const results = new Array<ReturnType<typeof ctcGreedyDecode>>(crops.length);
    // Similar widths share a run, so little padding is computed (PaddleOCR sorts the same way).
    const order = crops
      .map((_, i) => i)
      .sort((a, b) => crops[a]!.width / crops[a]!.height - crops[b]!.width / crops[b]!.height);
    for (let i = 0; i < order.length; i += batch) {
      const ids = order.slice(i, i + batch);
      const maxRatio = Math.max(REC_MIN_RATIO, ...ids.map((j) => crops[j]!.width / crops[j]!.height));
      const width = Math.min(REC_MAX_WIDTH, Math.ceil(REC_HEIGHT * maxRatio));
      const widths = ids.map((j) =>
        Math.max(1, Math.min(width, Math.ceil((REC_HEIGHT * crops[j]!.width) / crops[j]!.height))),
      );
      const tensors = await Promise.all(
        ids.map(async (j, k) => {
          const resized = await resizeRaster(crops[j]!, widths[k]!, REC_HEIGHT);
          return toTensor(resized, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], width);
        }),
      );
      const out = await s.rec.run({ [s.rec.inputNames[0]!]: concatTensors(tensors) });
      const probs = out[s.rec.outputNames[0]!]!;
      const [, steps, classes] = probs.dims as number[];
      ids.forEach((j, k) => {
        const r = ctcGreedyDecode({
          probs: probs.data as Float32Array,
          steps: steps!,
          classes: classes!,
          charset: s.charset,
          offset: k * steps! * classes!,
        });
        // Positions are fractions of the padded input: make them fractions of the crop.
        const stretch = width / widths[k]!;
        results[j] = { ...r, positions: r.positions.map((p) => Math.min(1, p * stretch)) };
      });
    }
    return results;
  }

  return {
    model: { name: OCR_MODEL.name, version: OCR_MODEL.version },
    async recognize(img, o = {}) {
      const s = await loadSessions(options.threads);
      const scale = o.scale ?? 1;
      const t0 = performance.now();
      const quads = await detect(s, img);
      const t1 = performance.now();
      const crops = quads.map((q) => cropQuad(img, q));
      const decoded = crops.length ? await recognizeCrops(s, crops) : [];
      const t2 = performance.now();
      const toImage = 1 / scale;
      const fullWidth = Math.round(img.width * toImage);
      const fullHeight = Math.round(img.height * toImage);
      const lines: TOcrLine[] = [];
      quads.forEach((q, i) => {
        const r = { ...decoded[i]!, ...restoreWordSpaces({ ...decoded[i]!, ink: inkProfile(crops[i]!) }) };
        const text = r.text.trim();
        const lead = [...r.text].length - [...r.text.trimStart()].length;
        if (!text || r.confidence < minConfidence) return;
        const quad = scaleQuad(q, toImage, toImage);
        const [tl, tr] = quad;
        // Within 3° of horizontal a line is drawn and joined as an upright box.
        const slanted =
          Math.abs(tr![1] - tl![1]) > 0.05 * Math.abs(tr![0] - tl![0]) || crops[i]!.width < crops[i]!.height;
        lines.push({
          text,
          box: quadBox(quad, fullWidth, fullHeight),
          confidence: Math.round(r.confidence * 1000) / 1000,
          ...(slanted ? { quad: quad.map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number]) } : {}),
          charPositions: r.positions.slice(lead, lead + [...text].length).map((p) => Math.round(p * 1000) / 1000),
        });
      });
      return {
        lines: joinLineBoxes(readingOrder(lines)),
        timings: { detectMs: Math.round(t1 - t0), recognizeMs: Math.round(t2 - t1) },
      };
    },
  };
}
