"""Widgets the screens compose: world list, question panel, answer box, feedback, preview."""
