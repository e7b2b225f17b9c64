"""One scorer per case type: run the case under a variant, return its metrics and output."""

from __future__ import annotations

from assistant.evals.scorers import chat, checking, drafting, realistic, retrieval

SCORERS = {"retrieval": retrieval.score, "drafting": drafting.score, "checking": checking.score,
           "realistic": realistic.score, "chat": chat.score}
