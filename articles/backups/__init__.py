"""Backups of the database and the media files together, and their restore (``manage.py backup`` / ``restore``).

- contents.py: which tables are kept and a digest of them that is the same on SQLite and PostgreSQL;
- archive.py: the .tar.gz and its manifest, unpacked and checked before use;
- making.py: the backup, read in one snapshot and written atomically;
- restoring.py: the restore, in one transaction with the media files undone on failure.
"""
