# syntax=docker/dockerfile:1
# language-quiz-service: HTTP API + generation worker, on the official Bun image.
# The Bun version is the one pinned in package.json ("packageManager"); a test keeps them equal.
ARG BUN_VERSION=1.4.4

# --- Production dependencies only (no test, lint or build tooling) -------------------------------------------
FROM oven/bun:${BUN_VERSION} AS deps
WORKDIR /app
COPY package.json bun.lock ./
COPY patches ./patches
RUN bun install --frozen-lockfile --production

# --- Runtime -----------------------------------------------------------------------------------------------------
FROM oven/bun:${BUN_VERSION} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8000

COPY --from=deps /app/node_modules ./node_modules
COPY package.json bun.lock tsconfig.json ./
COPY src ./src
# Migrations (`bun run db:migrate`, Fly's release_command) and the topic tool (`bun run kafka:topics`).
COPY drizzle ./drizzle
COPY scripts ./scripts

# The image's unprivileged user; the files above stay root-owned and read-only for it.
USER bun

EXPOSE 8000

# Liveness through Bun's own fetch: the image has no curl or wget.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bun", "-e", "const r = await fetch(`http://127.0.0.1:${process.env.PORT || 8000}/health/live`).catch(() => null); process.exit(r?.ok ? 0 : 1)"]

# `bun run start` is `NODE_ENV=production bun --max-http-header-size=65536 src/main.ts`. `bun run` (system shell) forwards SIGTERM/SIGINT to
# the script and waits for it, so the service's two-phase shutdown runs on `docker stop` and on Fly deploys.
CMD ["bun", "run", "start"]
