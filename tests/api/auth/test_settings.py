import pytest

from api.config import DEFAULT_SECRET_KEY, Settings
from api.main import create_app


def test_production_refuses_the_default_secret_key():
    settings = Settings(env="production", secret_key=DEFAULT_SECRET_KEY, demo_accounts=False)
    with pytest.raises(RuntimeError, match="DVCQ_SECRET_KEY"):
        create_app(settings)


def test_production_refuses_demo_accounts():
    settings = Settings(env="production", secret_key="x" * 40, demo_accounts=True)
    with pytest.raises(RuntimeError, match="DVCQ_DEMO_ACCOUNTS"):
        create_app(settings)


def test_production_starts_with_a_real_secret_and_no_demo_accounts():
    settings = Settings(env="production", secret_key="x" * 40, demo_accounts=False)
    assert create_app(settings).title == "DVCQ API"
