"""The API's addresses, in no language: /api/v1/… (api/v1.py)."""

urlpatterns: list = []
