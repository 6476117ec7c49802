# syntax=docker/dockerfile:1
# DVCQ image: stage 1 builds the web app (when frontend/package.json exists), stage 2 runs
# the API with the built SPA inside. The container migrates the database, then serves.

FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/ ./
# The SPA is optional until it exists; an empty dist keeps the next stage simple.
RUN if [ -f package.json ]; then npm ci && npm run build; else mkdir -p dist; fi

FROM python:3.11-slim-bookworm AS api
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DVCQ_HOST=0.0.0.0 \
    DVCQ_PORT=8000
RUN groupadd --system dvcq && useradd --system --gid dvcq --home /app dvcq
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY api/ api/
COPY migrations/ migrations/
# Editable, so the app finds alembic.ini and migrations/ beside its package in /app.
RUN pip install -e .
COPY --from=spa /src/frontend/dist frontend/dist
USER dvcq
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz').status != 200)"
# DVCQ_DATABASE_URL must point at the PostgreSQL server; the image has no embedded one.
CMD ["sh", "-c", "dvcq migrate && dvcq seed && exec uvicorn api.main:create_app --factory --host \"$DVCQ_HOST\" --port \"$DVCQ_PORT\" --no-access-log --proxy-headers"]
