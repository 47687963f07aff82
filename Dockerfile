# syntax=docker/dockerfile:1
# Node.js 26 is the Active LTS line (Node 20 reached its end of life on 2026-04-30).
ARG NODE_VERSION=26

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; the build runs below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY console ./console
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG VERSION=0.1.0
ARG REVISION=""
ARG CREATED=""
ARG SOURCE=""
LABEL org.opencontainers.image.title="ccs-mock" \
      org.opencontainers.image.description="A high-fidelity simulator of the Symantec/Broadcom Control Compliance Suite (CCS) REST API" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.documentation="README.md and docs/ci.md in the source"
ENV NODE_ENV=production \
    CCS_MOCK_HOST=0.0.0.0 \
    CCS_MOCK_PORT=12431 \
    CCS_MOCK_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 12431
# /__admin/health answers without the admin key; dist/healthcheck.js reads CCS_MOCK_HTTP,
# CCS_MOCK_HOST and CCS_MOCK_PORT as the server does, so HTTP and HTTPS both pass.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/healthcheck.js"]
CMD ["node", "dist/server.js"]
