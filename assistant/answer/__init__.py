"""Answering from the library: passages as sentences, extractive answers, grounding checks,
and the treatment of retrieved text as data (injection normalisation)."""
