"""Ingest: files, directories, JSON/JSONL, WARC and stdin into articles."""

from storytrace.ingest.readers import IngestOptions, from_record, read_file, read_inputs

__all__ = ["IngestOptions", "from_record", "read_file", "read_inputs"]
