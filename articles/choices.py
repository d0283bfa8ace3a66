"""Choice lists shared by models, querysets and forms (kept apart so querysets need not import models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    INDONESIAN = "id", _("Indonesian")
    ENGLISH = "en", _("English")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class BylineRole(models.TextChoices):
    REPORTER = "reporter", _("Reporter / writer")
    PHOTOGRAPHER = "photographer", _("Photographer")
    EDITOR = "editor", _("Editor")
    CONTRIBUTOR = "contributor", _("Contributor")


class CreditStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    NEEDS_INFO = "needs_info", _("Needs information")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class LicenceType(models.TextChoices):
    STAFF = "staff", _("Staff photo")
    AGENCY = "agency", _("Agency / wire")
    HANDOUT = "handout", _("Handout")
    STOCK = "stock", _("Stock")
    CREATIVE_COMMONS = "cc", _("Creative Commons")
    READER = "reader", _("Reader contribution")
    OTHER = "other", _("Other")


class QuoteStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class SourceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed (found by an import, not checked yet)")
    CONFIRMED = "confirmed", _("Confirmed by an editor")


class SourceType(models.TextChoices):
    GOVERNMENT = "government", _("Government official")
    LAWMAKER = "lawmaker", _("Lawmaker")
    # Polri, TNI, police departments, sheriffs, the armed forces (filed under government before this kind existed).
    SECURITY = "security", _("Police or military")
    EXPERT = "expert", _("Expert")
    BUSINESS = "business", _("Business")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    CITIZEN = "citizen", _("Citizen")
    OTHER = "other", _("Other")


class SourceLevel(models.TextChoices):
    """The level of government a government official, lawmaker or police or military voice speaks for."""

    CITY = "city", _("City or regency")  # kota/kabupaten and below (kecamatan, kelurahan, desa); a US city or county
    PROVINCE = "province", _("Province or state")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class SpeakerKind(models.TextChoices):
    """Who a quote's speaker is, as extraction read it: a named person, a group (“most street vendors”, *sebagian
    warga*) or an organisation speaking as such; a group or an organisation has no source record."""

    PERSON = "person", _("Person")
    GROUP = "group", _("Group")
    ORGANISATION = "organisation", _("Organisation")
