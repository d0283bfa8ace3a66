"""Django's admin app on the newsroom's admin site class (articles/admin_site.py: every list's search is bounded to a
number of words). Both live outside articles/admin/: the site is made while that package registers its ModelAdmins
on it, so importing the package to reach the class would register them on a site about to be replaced."""

from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "articles.admin_site.NewsroomAdminSite"
