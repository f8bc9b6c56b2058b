import type { Request, Response } from "express";
import type { TLogger } from "@truecopy/config";
import type { TDatabase, TPrincipal } from "@truecopy/db";
import type { TQueues } from "@truecopy/jobs";
import type { TApiEnv } from "@truecopy/config";
import type { TLoaders } from "./loaders.js";
import type { TSimilarity } from "./services/similarity.js";
import type { TTextEmbedder } from "@truecopy/ml";

export type TServices = {
  db: TDatabase;
  env: TApiEnv;
  log: TLogger;
  similarity: TSimilarity;
  /** Embeds search queries with the same model as the catalog. */
  embedder: TTextEmbedder;
  /** BullMQ queues of packages/jobs, for the jobs page (counts, retry, cancel). */
  queues: TQueues;
};

export type TContext = {
  services: TServices;
  principal: TPrincipal | null;
  loaders: TLoaders;
  requestId: string;
  req: Request;
  res: Response;
};
