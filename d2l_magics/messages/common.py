"""Learner-facing sentences: common. Each id maps to its English and Chinese text."""

MESSAGES: dict[str, dict[str, str]] = {
}
