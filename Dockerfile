# syntax=docker/dockerfile:1
# mediagraph: build with dev dependencies, run with production ones only, as the non-root
# `node` user. docker build -t mediagraph . && docker run -p 4000:4000 --env-file .env mediagraph
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schema ./schema
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
# The SDL is read at start-up from schema/ next to dist/.
COPY schema ./schema
USER node
EXPOSE 4000
# /readyz answers 503 while draining, so an orchestrator stops sending traffic before exit.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node as PID 1 gets SIGTERM from `docker stop`; main.ts drains in-flight requests, then exits.
# A 32 MiB young generation, as `npm start` runs it (docs/BENCHMARKS.md, "Garbage collection").
CMD ["node", "--max-semi-space-size=32", "dist/src/main.js"]
