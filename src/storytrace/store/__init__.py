"""Embedded store (SQLite) behind a small interface: save results, read stories and articles."""

from storytrace.store.sqlite import Store

__all__ = ["Store"]
