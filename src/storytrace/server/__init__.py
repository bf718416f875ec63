"""Web app (FastAPI) over the embedded store."""

from storytrace.server.app import create_app

__all__ = ["create_app"]
