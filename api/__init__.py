"""The content API at /api/v1/: published stories and what they are made of for apps, partners and aggregators, and
the desk's writes through per-user tokens. Built with django-ninja (api/v1.py)."""
