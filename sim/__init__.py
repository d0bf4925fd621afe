"""Alliance: a training simulation of the working alliance in mandated child-protection work."""

__version__ = "0.1.0"
