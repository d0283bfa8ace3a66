"""Django's SQLite backend, beginning a transaction DEFERRED when the request only reads (newsroom/db/reading.py)
and with the configured mode (IMMEDIATE in settings.py) otherwise."""

from django.db.backends.sqlite3 import base

from newsroom.db.reading import reading_only


class DatabaseWrapper(base.DatabaseWrapper):
    def _start_transaction_under_autocommit(self):
        if reading_only():
            # A read takes no lock in WAL mode; should it write after all, SQLite takes the lock then.
            self.cursor().execute("BEGIN DEFERRED")
        else:
            super()._start_transaction_under_autocommit()
