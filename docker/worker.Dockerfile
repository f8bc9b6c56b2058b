# truecopy worker: BullMQ processors (analyze, embeddings) and the outbox relay. No public port;
# /healthz on WORKER_HEALTH_PORT for the container health check.
# Build from the repository root:  docker build -f docker/worker.Dockerfile -t truecopy-worker .

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    ONNXRUNTIME_NODE_INSTALL=skip \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1 \
    DO_NOT_TRACK=1
RUN npm install -g pnpm@10.34.9 && npm cache clean --force
WORKDIR /repo

FROM base AS build
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch --frozen-lockfile --store-dir /pnpm/store
COPY . .
RUN pnpm install --frozen-lockfile --offline --store-dir /pnpm/store
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true pnpm turbo run build --filter=@truecopy/worker...
# Reinstall with production dependencies of the worker's packages only; drop onnxruntime's macOS and
# Windows binaries that a Linux image never loads.
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules bench/node_modules \
 && pnpm install --frozen-lockfile --offline --prod --store-dir /pnpm/store --filter "@truecopy/worker..." \
 && rm -rf node_modules/.pnpm/onnxruntime-node@*/node_modules/onnxruntime-node/bin/napi-v*/darwin \
           node_modules/.pnpm/onnxruntime-node@*/node_modules/onnxruntime-node/bin/napi-v*/win32

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    WORKER_HEALTH_PORT=4100
WORKDIR /repo
COPY --from=build /repo/package.json ./
COPY --from=build /repo/node_modules ./node_modules
COPY --from=build /repo/packages ./packages
COPY --from=build /repo/prisma ./prisma
COPY --from=build /repo/apps/worker ./apps/worker
# Uploaded images live on a volume shared with the other app (IMAGE_STORE_DIR); a new named volume
# takes this folder's owner, so the unprivileged user can write to it.
RUN mkdir -p /data/images && chown node:node /data/images
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.WORKER_HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/worker/dist/main.js"]
