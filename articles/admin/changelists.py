"""A change list that answers an impossible date in its address the way Django answers any bad filter.

A date-hierarchy or date-filter link edited by hand to the year 1 or 9999 reached the database as a time that cannot
be converted between Jakarta time and UTC on SQLite (Python's datetime stops at those years) and failed the page, while
PostgreSQL listed nothing. Django's admin already turns a bad lookup into a redirect to the unfiltered list with
``?e=1`` (IncorrectLookupParameters); a year outside the ones the desk may type (articles/validators.py) is one more
bad lookup, on every database alike.
"""

import re

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

from articles.validators import EARLIEST_YEAR, LATEST_YEAR

# "publish_at__year=9999", or a date filter's "created_at__gte=0001-01-01 00:00:00+07:00".
_YEAR_PARAMETER = re.compile(r"__year$")
_DATE_VALUE = re.compile(r"^\s*(\d{1,4})-\d{1,2}-\d{1,2}")


def _years_in(params) -> list[int]:
    years = []
    for key, values in params.lists():
        if "__" not in key:
            continue  # search words, ordering, page: not a date lookup
        for value in values:
            if _YEAR_PARAMETER.search(key) and value.strip().isdigit():
                years.append(int(value))
            elif match := _DATE_VALUE.match(value):
                years.append(int(match.group(1)))
    return years


class DateSafeChangeList(ChangeList):
    def get_filters(self, request):
        if any(not EARLIEST_YEAR <= year <= LATEST_YEAR for year in _years_in(request.GET)):
            raise IncorrectLookupParameters("A date in the address is out of range.")
        return super().get_filters(request)


class DateSafeChangeListMixin:
    """For every ModelAdmin with a date hierarchy or a date filter."""

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList
