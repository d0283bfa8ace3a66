"""Validators shared by the models' fields."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Times the desk types (publish, expiry, embargo, rights, pins, banners). Far-off years are typing slips, and the very
# first and last years cannot even be converted between Jakarta time and UTC (Python's datetime stops at years 1 and
# 9999), which would fail the save instead of answering with a message.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999


def validate_newsroom_time(value: datetime) -> None:
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a time between the years %(earliest)d and %(latest)d, or leave it empty."),
            code="out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
