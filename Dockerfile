# Tessera production image: Next's standalone output plus what `scripts/start.ts` needs (migrations, bootstrap).
# Build: docker build -t tessera .   Run: see docker-compose.yml.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 TESSERA_STANDALONE=1
RUN npx next build && cp -r .next/static .next/standalone/.next/static && cp -r public .next/standalone/public

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 TESSERA_DATA_DIR=/data TESSERA_STANDALONE=1
RUN useradd --system --uid 1001 tessera && mkdir -p /data && chown tessera /data
COPY --from=build --chown=tessera /app /app
USER tessera
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# scripts/start.ts applies migrations, bootstraps the CA, then runs the prebuilt standalone Next server.
CMD ["npx", "tsx", "scripts/start.ts"]
