"""Learner-facing sentences: exercises. Each id maps to its English and Chinese text."""

MESSAGES: dict[str, dict[str, str]] = {
}
