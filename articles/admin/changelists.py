"""A change list that answers an impossible date in its address the way Django answers any bad filter.

A date-hierarchy or date-filter link edited by hand to the year 1 or 9999 reaches the database as a time that
cannot be converted between Jakarta time and UTC (Python's datetime stops at those years), which failed the page
with an OverflowError. Django's admin already turns a bad lookup into a redirect to the unfiltered list with
``?e=1`` (IncorrectLookupParameters); this makes an out-of-range date one more bad lookup.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class DateSafeChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            # The date hierarchy's year 9999 has no "next year" to end at (a ValueError Django does not catch).
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            super().get_results(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class DateSafeChangeListMixin:
    """For every ModelAdmin with a date hierarchy or a date filter."""

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList
