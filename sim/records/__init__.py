"""Session records: the append-only JSONL log, atomic saves, the learner and LRS settings, xAPI statements
and the outbox that delivers them."""
