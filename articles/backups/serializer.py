"""JSON for backups: Django's own, with times to the microsecond.

Django's JSON encoder cuts datetimes and times to milliseconds (the JavaScript date format), so ``dumpdata`` loses
the last three digits of every timestamp — the backup's digests caught it on the first round trip. Reading needs
nothing special: Django's JSON deserializer parses the longer form.
"""

from __future__ import annotations

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "newsroom-backup-json"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()  # type: ignore[misc]  # Django's own hook, absent from django-stubs


Deserializer = django_json.Deserializer
