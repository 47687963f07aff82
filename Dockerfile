# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    CCS_MOCK_HOST=0.0.0.0 \
    CCS_MOCK_PORT=12431 \
    CCS_MOCK_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 12431
# /__admin/health answers without the admin key, also on 0.0.0.0.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "require('https').get({host:'127.0.0.1',port:process.env.CCS_MOCK_PORT,path:'/__admin/health',rejectUnauthorized:false},(r)=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
CMD ["node", "dist/server.js"]
