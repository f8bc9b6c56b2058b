import { parseEnv, ZWorkerEnv, type TWorkerEnv } from "@truecopy/config";

export const loadEnv = (): TWorkerEnv => parseEnv(ZWorkerEnv);
