# truecopy API: GraphQL on :4000/graphql, /healthz (alive) and /readyz (database and Redis answer).
# Build from the repository root:  docker build -f docker/api.Dockerfile -t truecopy-api .
#
# The runtime keeps the workspace layout (packages/*, prisma/, apps/api) because packages resolve
# files relative to themselves (migrations, model files); only production dependencies are kept.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
# Nothing may download binaries at install or build time: the CPU build of onnxruntime ships in
# its npm package, Prisma's generator only needs the schema engine variable to point at a file.
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    ONNXRUNTIME_NODE_INSTALL=skip \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1 \
    DO_NOT_TRACK=1
# pnpm from npm rather than corepack: corepack's signature check rejects current registry keys.
RUN npm install -g pnpm@10.34.9 && npm cache clean --force
WORKDIR /repo

FROM base AS build
# The lockfile alone decides what is downloaded, so this layer survives source edits.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch --frozen-lockfile --store-dir /pnpm/store
COPY . .
RUN pnpm install --frozen-lockfile --offline --store-dir /pnpm/store
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true pnpm turbo run build --filter=@truecopy/api...
# Reinstall with production dependencies of the API's packages only (no compilers, no Next.js),
# and drop onnxruntime's macOS and Windows binaries (~220 MB) that a Linux image never loads.
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules bench/node_modules \
 && pnpm install --frozen-lockfile --offline --prod --store-dir /pnpm/store --filter "@truecopy/api..." \
 && rm -rf node_modules/.pnpm/onnxruntime-node@*/node_modules/onnxruntime-node/bin/napi-v*/darwin \
           node_modules/.pnpm/onnxruntime-node@*/node_modules/onnxruntime-node/bin/napi-v*/win32

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    API_PORT=4000
WORKDIR /repo
COPY --from=build /repo/package.json ./
COPY --from=build /repo/node_modules ./node_modules
COPY --from=build /repo/packages ./packages
COPY --from=build /repo/prisma ./prisma
COPY --from=build /repo/apps/api ./apps/api
# The image's unprivileged `node` user; the app only reads its files.
# Uploaded images live on a volume shared with the other app (IMAGE_STORE_DIR); a new named volume
# takes this folder's owner, so the unprivileged user can write to it.
RUN mkdir -p /data/images && chown node:node /data/images
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
