# truecopy CLI: migrations, demo seed, import/export. Compose runs it once as `migrate`; run other
# commands with  docker compose -f docker/compose.yml run --rm migrate node apps/cli/dist/main.js help
# Build from the repository root:  docker build -f docker/cli.Dockerfile -t truecopy-cli .

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
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true pnpm turbo run build --filter=@truecopy/cli...
# Reinstall with production dependencies of the CLI's packages only; drop onnxruntime's macOS and
# Windows binaries that a Linux image never loads.
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules bench/node_modules \
 && pnpm install --frozen-lockfile --offline --prod --store-dir /pnpm/store --filter "@truecopy/cli..." \
 && rm -rf node_modules/.pnpm/onnxruntime-node@*/node_modules/onnxruntime-node/bin/napi-v*/darwin \
           node_modules/.pnpm/onnxruntime-node@*/node_modules/onnxruntime-node/bin/napi-v*/win32

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /repo
COPY --from=build /repo/package.json ./
COPY --from=build /repo/node_modules ./node_modules
COPY --from=build /repo/packages ./packages
# The migration runner reads prisma/migrations relative to packages/db.
COPY --from=build /repo/prisma ./prisma
COPY --from=build /repo/apps/cli ./apps/cli
USER node
CMD ["node", "apps/cli/dist/main.js", "help"]
