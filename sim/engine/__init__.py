"""The runtime: a session is a pure function of (scenario, seed, actions). No I/O, no rendering."""
