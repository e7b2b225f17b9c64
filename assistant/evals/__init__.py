"""Evaluation suites: run prompt variants over labelled cases, compare with a baseline, report."""
