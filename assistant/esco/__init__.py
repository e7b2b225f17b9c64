"""ESCO skills offline: the registry from a package's CSV, and a matcher for skill needs."""
