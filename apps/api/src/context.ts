import type { Request, Response } from "express";
import type { TLogger } from "@truecopy/config";
import type { TDatabase, TPrincipal } from "@truecopy/db";
import type { TApiEnv } from "@truecopy/config";
import type { TLoaders } from "./loaders.js";
import type { TSimilarity } from "./services/similarity.js";

export type TServices = {
  db: TDatabase;
  env: TApiEnv;
  log: TLogger;
  similarity: TSimilarity;
};

export type TContext = {
  services: TServices;
  principal: TPrincipal | null;
  loaders: TLoaders;
  requestId: string;
  req: Request;
  res: Response;
};
