"""Wire formats in and out: each published story as IPTC ninjs, and agencies' ninjs and NewsML-G2 items taken in as
drafts (``manage.py import_wire``)."""
