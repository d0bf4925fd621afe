"""Session records on disk: the append-only JSONL log and atomic saves."""
