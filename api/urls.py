"""The API's addresses, in no language: /api/v1/… (api/v1.py)."""

from django.urls import path

from api.v1 import api as api_v1

urlpatterns = [path("v1/", api_v1.urls)]
