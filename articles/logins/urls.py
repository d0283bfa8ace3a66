"""Routes of the two-factor steps, under the admin's address (newsroom/urls.py puts them before the admin's own)."""

from django.urls import path

from articles.logins import views

app_name = "logins"
urlpatterns = [
    path("enrol/", views.EnrolView.as_view(), name="enrol"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
]
