"""Drafting strategies behind one interface: composer (deterministic), llm and hybrid."""
