"""The fields typed as present (always sent, non-null) were so in every real answer the suite
received (runs last, whole suite only: see conftest)."""
from __future__ import annotations

from . import presence


def test_every_presence_claim_held() -> None:
    assert presence.VIOLATIONS == []
    unchecked = sorted(set(presence.CLAIMS) - presence.CHECKED)
    assert unchecked == [], "claims no real answer checked: " + ", ".join(unchecked)
