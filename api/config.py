"""Settings from the environment (DVCQ_*). One instance per process, read at start."""

from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dvcq-development-secret-change-me"
PROVINCE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DVCQ_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    # Unset: an embedded PostgreSQL is started with its data in var/pgdata.
    database_url: str | None = None
    data_dir: Path = PROJECT_ROOT / "var"
    host: str = "127.0.0.1"
    port: int = 8000

    secret_key: str = DEFAULT_SECRET_KEY
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=14, ge=1)
    # argon2id cost; the defaults are argon2-cffi's (RFC 9106 low-memory profile).
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65536, ge=1024)
    login_max_failures: int = 5
    login_lockout_minutes: int = 15

    demo_accounts: bool = True
    demo_password: str = "Demo@2026"

    max_body_mb: int = Field(default=20, ge=1)
    max_import_rows: int = Field(default=200_000, ge=1)
    log_level: str = "INFO"

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    def check_safe_for_production(self) -> None:
        """Refuse to run in production with a development secret or demo accounts."""
        if not self.is_production:
            return
        problems = []
        if self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < 32:
            problems.append("DVCQ_SECRET_KEY must be set to a random value of 32+ characters")
        if self.demo_accounts:
            problems.append("DVCQ_DEMO_ACCOUNTS must be false")
        if problems:
            raise RuntimeError("Unsafe production configuration: " + "; ".join(problems))


@lru_cache
def get_settings() -> Settings:
    return Settings()
