"""Trade-week settings: ``DUIJIE_REQUEST_EXPIRY_HOURS`` and per-edition overrides."""

from __future__ import annotations

from duijie.env import env_int

DEFAULT_REQUEST_EXPIRY_HOURS = 72
CHECK_IN_SALT = "duijie.tradeweek.check-in"
CHECK_IN_MAX_AGE = 60 * 60 * 24 * 30
WEIGHTS = {"must": 3.0, "would_like": 1.0, "mandatory": 5.0}
"""Scheduler weight of an accepted request by preference; organiser meetings weigh most."""


def request_expiry_hours(edition: object) -> int:
    """Hours a request may stay pending: the edition's rule, else the environment."""
    rules = getattr(edition, "week_rules", None)
    if rules is not None and rules.request_expiry_hours:
        return int(rules.request_expiry_hours)
    return env_int("REQUEST_EXPIRY_HOURS", DEFAULT_REQUEST_EXPIRY_HOURS)
