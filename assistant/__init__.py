"""Oppi: a learning-design assistant for micro-credential planners."""

__version__ = "0.1.0"
