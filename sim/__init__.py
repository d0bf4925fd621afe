"""Alliance: a training simulation of the working alliance in mandated child-protection work."""


def __getattr__(name: str):
    # ``sim.__version__`` without making every ``import sim`` read the package metadata
    if name == "__version__":
        from sim.version import __version__

        return __version__
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
