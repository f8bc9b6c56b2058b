# truecopy dashboard: Next.js on :3000, talking to the API (API_URL, read at request time) over
# GraphQL only. Build from the repository root:
#   docker build -f docker/dashboard.Dockerfile -t truecopy-dashboard .

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    ONNXRUNTIME_NODE_INSTALL=skip \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    CHECKPOINT_DISABLE=1 \
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
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true pnpm turbo run build --filter=@truecopy/dashboard...
# Serving the build needs next, react and react-dom only (Next transpiles next.config.ts itself).
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules bench/node_modules \
 && pnpm install --frozen-lockfile --offline --prod --store-dir /pnpm/store --filter "@truecopy/dashboard..."

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /repo
COPY --from=build /repo/package.json ./
COPY --from=build /repo/node_modules ./node_modules
# Next writes its cache under .next at run time, so the app folder belongs to the runtime user.
COPY --from=build --chown=node:node /repo/apps/dashboard ./apps/dashboard
WORKDIR /repo/apps/dashboard
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/login', { redirect: 'manual' }).then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "node_modules/next/dist/bin/next", "start", "-H", "0.0.0.0", "-p", "3000"]
