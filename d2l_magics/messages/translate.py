"""Learner-facing sentences: translate (one note per translation rule). Each id maps to its English and Chinese text."""

MESSAGES: dict[str, dict[str, str]] = {
}
