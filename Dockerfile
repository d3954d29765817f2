# The API and the worker in one image: `node dist/api/main.js` (default) or
# `node dist/worker/main.js`. Configuration comes from the environment (see .env.example).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY domain ./domain
COPY presentation ./presentation
COPY config ./config
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
COPY storage ./storage
COPY worker ./worker
COPY dev ./dev
# tsc to dist/, then the prebuilt workflow bundle, so a worker starts without webpack.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The workspace's scripts are served as files (api/workspace/assets.ts), not compiled.
COPY --from=build /app/presentation/workspace/assets ./presentation/workspace/assets
# The image's built-in unprivileged user. The app writes to DATA_DIR (.data): the API's sessions
# file, and the case file's local store (DATA_DIR/documents) unless DOCUMENTS_STORE=s3. Compose
# mounts a volume there.
RUN mkdir /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
