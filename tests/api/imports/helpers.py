"""Posting a file to the import endpoint, as the web app and `dvcq upload` do."""

from typing import Any


def post_import(client, headers: dict[str, str], kind: str, name: str, content: bytes, **params):
    """`POST /imports/{kind}` with the file; `params` are dry_run / atomic flags."""
    query = "&".join(f"{key}={str(value).lower()}" for key, value in params.items())
    return client.post(
        f"/api/v1/imports/{kind}?{query}", headers=headers, files={"file": (name, content)}
    )


def import_report(
    client, headers, kind: str, name: str, content: bytes, **params
) -> dict[str, Any]:
    """The report of a file that could be read (200), whatever its rows."""
    response = post_import(client, headers, kind, name, content, **params)
    assert response.status_code == 200, response.text
    return response.json()
