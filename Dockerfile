# Production image: compiled server and admin panel, no dev dependencies, runs as node.
FROM node:22-bookworm-slim AS build
WORKDIR /opt/app
# better-sqlite3 builds from source when no prebuilt binary matches
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ENV NODE_ENV=production
# The admin panel and dist/, and the reference site (site/dist, the `site` service in docker-compose).
RUN npm run build && npm run site:build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /opt/app
ENV NODE_ENV=production \
    STRAPI_TELEMETRY_DISABLED=true \
    HOST=0.0.0.0 \
    PORT=1337
COPY --from=build --chown=node:node /opt/app ./
RUN mkdir -p public/uploads && chown -R node:node public/uploads
USER node
EXPOSE 1337
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:1337/_health').then(r => process.exit(r.status === 204 ? 0 : 1)).catch(() => process.exit(1))"
CMD ["npm", "run", "start"]
