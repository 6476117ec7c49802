from tests.api.surveys.conftest import client_auth  # noqa: F401  (integration-client tokens)
