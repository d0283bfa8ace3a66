"""Telling the desk what happened: who is notified of which event, the in-admin inbox's rows and the emails.

One ``notify_*`` call per event, made inside the transaction that caused it, so the rows go with it when it rolls
back; the emails are sent only once that transaction has committed (``transaction.on_commit``), and only to people
with an email address who have not turned email off. The actor is never told of their own act.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles import roles
from articles.access import can_view
from articles.choices import ArticleStatus
from articles.models import Article, ArticlePhoto, AuditEntry, Byline, Notification, NotificationSettings, Photo
from articles.services.desk import STATE_CHANGES

logger = logging.getLogger(__name__)

Kind = Notification.Kind

# Workflow transitions that tell someone, and what they are called in the inbox. "schedule" is publishing at a time.
_TRANSITION_KINDS = {
    "submit": Kind.SUBMITTED,
    "send_back": Kind.SENT_BACK,
    "approve": Kind.APPROVED,
    "publish": Kind.PUBLISHED,
    "schedule": Kind.PUBLISHED,
}
_MODERATION_KINDS = {"request_info": Kind.CREDIT_NEEDS_INFO, "reject": Kind.CREDIT_REJECTED}
# A username as Django allows it (letters, digits and @.+-_), after an @ that does not follow a word character,
# so an email address in a note is not read as a mention.
_MENTION = re.compile(r"(?<![\w.+-])@([\w.+-]+)")


# --- events ----------------------------------------------------------------------------------------------------


def notify_transition(*, article: Article, name: str, user, note: str = "") -> list[Notification]:
    """After a workflow transition was saved: a submission tells the reviewers; anything else the story's authors
    and whoever submitted it."""
    kind = _TRANSITION_KINDS.get(name)
    if kind is None:
        return []
    recipients = _reviewers() if kind == Kind.SUBMITTED else _authors_and_submitter(article)
    return _create(recipients, kind=kind, actor=user, article=article, text=note)


def notify_moderation(*, photo: Photo, decision: str, user, reason: str = "") -> list[Notification]:
    """After the photo desk asked for information on a credit or rejected it: the photo's uploader is told why, and
    each published story it leads has lost its lead (``notify_lead_withdrawn``)."""
    kind = _MODERATION_KINDS.get(decision)
    if kind is None:
        return []
    told = _create(_uploaders(photo), kind=kind, actor=user, photo=photo, text=reason)
    return told + notify_lead_withdrawn(photo=photo, kind=kind, user=user, reason=reason)


def notify_lead_withdrawn(*, photo: Photo, kind, user, reason: str = "") -> list[Notification]:
    """The photo is in first place in published (or scheduled) stories and readers may no longer see it: those
    stories show no lead photo now (none is promoted in its place), so the photo desk and each story's authors and
    editors are told, to clear it again or choose another lead."""
    told: list[Notification] = []
    desk = _photo_desk()
    for article in _stories_led_by(photo):
        recipients = [*desk, *_authors_and_submitter(article), *_story_editors(article)]
        told += _create(recipients, kind=kind, actor=user, article=article, photo=photo, text=reason)
    return told


def notify_correction(*, photo: Photo, user) -> list[Notification]:
    """After the uploader corrected a photo the desk needed information on: it is back in the queue, and the photo
    desk is told (as a submission for review)."""
    return _create(_photo_desk(), kind=Kind.SUBMITTED, actor=user, photo=photo)


def notify_mentions(*, article: Article, user, text: str) -> list[Notification]:
    """After an editorial note was added: every ``@username`` in it who may see the story is told."""
    names = {name.rstrip(".") for name in _MENTION.findall(text)}
    if not names:
        return []
    users = get_user_model().objects.filter(username__in=names, is_active=True)
    return _create(
        [u for u in users if can_view(u, article)], kind=Kind.MENTIONED, actor=user, article=article, text=text
    )


# --- who -------------------------------------------------------------------------------------------------------


def _reviewers():
    """Editors and chief editors: whoever holds the review permission through a role or in person (not every
    superuser, who would be told of every story)."""
    # Permissions live in the model backend (the other one only counts failed logins).
    users = get_user_model().objects.with_perm(
        "articles.review_article", include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    )
    return list(users.filter(is_staff=True))


def _photo_desk():
    """The photo desk's members (its role, articles/roles.py): editors may moderate too, but they hear of the stories
    they edited, not of every photo."""
    return list(get_user_model().objects.filter(groups__name=roles.PHOTO_DESK, is_staff=True, is_active=True))


def _stories_led_by(photo: Photo):
    """Published stories whose use in first place (lowest order) is this photo."""
    first_place = ArticlePhoto.objects.filter(article=OuterRef("pk")).order_by("order").values("photo_id")[:1]
    return list(
        Article.objects.filter(status=ArticleStatus.PUBLISHED)
        .annotate(first_place_photo_id=Subquery(first_place))
        .filter(first_place_photo_id=photo.pk)
    )


def _story_editors(article: Article):
    """Who approved, published or scheduled the story (its audit trail)."""
    decided = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Article),
        object_id=article.pk,
        action__in=[AuditEntry.Action.APPROVE, AuditEntry.Action.PUBLISH, AuditEntry.Action.SCHEDULE],
        user__isnull=False,
    ).values("user")
    return list(get_user_model().objects.filter(pk__in=decided, is_active=True))


def _authors_and_submitter(article: Article):
    bylined = Byline.objects.filter(article=article, contributor__user__isnull=False).values("contributor__user")
    submitted = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Article),
        object_id=article.pk,
        action=AuditEntry.Action.SUBMIT,
        user__isnull=False,
    ).values("user")
    ids = Q(pk__in=bylined) | Q(pk__in=submitted)
    if article.created_by_id:
        ids |= Q(pk=article.created_by_id)
    return list(get_user_model().objects.filter(ids, is_active=True))


def _additions(photo: Photo):
    # The admin's own record of who added the photo (a photo has no "created by" of its own).
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Photo), object_id=str(photo.pk), action_flag=ADDITION
    )


def _uploaders(photo: Photo):
    """Who added the photo."""
    return list(get_user_model().objects.filter(pk__in=_additions(photo).values("user"), is_active=True))


def uploaded_by(photo: Photo, user) -> bool:
    """Whether ``user`` added the photo: who the desk's questions go to, and who may answer them."""
    return user.pk is not None and _additions(photo).filter(user=user).exists()


# --- rows and emails -------------------------------------------------------------------------------------------


def _create(recipients, *, kind, actor, article=None, photo=None, text="") -> list[Notification]:
    actor_pk = actor.pk if actor is not None and actor.is_authenticated else None
    unique = {user.pk: user for user in recipients if user.pk != actor_pk}
    if not unique:
        return []
    created = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, actor_id=actor_pk, article=article, photo=photo, text=text.strip())
        for user in unique.values()
    )
    ids = [n.pk for n in created]
    transaction.on_commit(lambda: send_emails(ids))
    return created


def email_turned_on(user) -> bool:
    """The user's email setting (on unless they turned it off), whether or not their account has an address."""
    return not NotificationSettings.objects.filter(user=user, email=False).exists()


def wants_email(user) -> bool:
    return bool(user.email) and email_turned_on(user)


def send_emails(notification_ids) -> int:
    """Email these notifications to those who take email; each is marked as emailed. Returns how many went."""
    pending = (
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .exclude(recipient__email="")
        .exclude(recipient__notification_settings__email=False)
        .select_related("recipient", "actor", "article", "photo")
    )
    sent = 0
    # The recipient's language is not known; the site's is the newsroom's.
    with translation.override(settings.LANGUAGE_CODE):
        for notification in pending:
            try:
                send_mail(
                    subject=subject(notification),
                    message=f"{message(notification)}\n\n{site_link(notification)}\n",
                    from_email=None,
                    recipient_list=[notification.recipient.email],
                )
            except Exception:  # one bad address or a mail server down must not lose the others
                logger.exception("Notification %s could not be emailed", notification.pk)
                continue
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent


# --- wording ---------------------------------------------------------------------------------------------------


def _actor_name(notification: Notification) -> str:
    actor = notification.actor
    return (actor.get_full_name() or actor.get_username()) if actor else _("Someone")


def _subject_of(notification: Notification) -> str:
    if notification.article is not None:
        return notification.article.headline
    return str(notification.photo) if notification.photo is not None else ""


def message(notification: Notification) -> str:
    """One sentence: who did what to which story or photo, with the note or reason after it."""
    wordings: dict[str, str] = {
        Kind.SUBMITTED: _("%(actor)s submitted “%(subject)s” for review."),
        Kind.SENT_BACK: _("%(actor)s sent “%(subject)s” back to draft."),
        Kind.APPROVED: _("%(actor)s approved “%(subject)s”."),
        Kind.PUBLISHED: _("%(actor)s published “%(subject)s”."),
        Kind.CREDIT_NEEDS_INFO: _("%(actor)s needs more information on the credit of the photo “%(subject)s”."),
        Kind.CREDIT_REJECTED: _("%(actor)s rejected the credit of the photo “%(subject)s”."),
        Kind.MENTIONED: _("%(actor)s mentioned you in a note on “%(subject)s”."),
        Kind.LEAD_WITHDRAWN: _(
            "%(actor)s changed the credit of “%(photo)s”, the lead photo of “%(subject)s”: it is back with the photo "
            "desk, and the story shows no lead photo until it is approved again or another photo is put first."
        ),
    }
    if notification.photo is not None and notification.article is None:
        wordings[Kind.SUBMITTED] = _("%(actor)s corrected the photo “%(subject)s” and sent it back to the photo desk.")
    if notification.photo is not None and notification.kind in _MODERATION_KINDS.values():
        wordings.update(_photo_wordings(notification))
    wording = wordings[notification.kind] % {
        "actor": _actor_name(notification),
        "subject": _subject_of(notification),
        "photo": str(notification.photo) if notification.photo is not None else "",
    }
    if notification.text:
        return f"{wording}\n\n{_('Note:')} {notification.text}"
    return wording


def _photo_wordings(notification: Notification) -> dict[str, str]:
    """A decision on a photo: about the photo for its uploader, about the story for those of a story it led."""
    if notification.article is None:
        return {}
    return {
        Kind.CREDIT_NEEDS_INFO: _(
            "%(actor)s needs more information on the credit of “%(photo)s”, the lead photo of “%(subject)s”; the story "
            "shows no lead photo until it is approved again or another photo is put first."
        ),
        Kind.CREDIT_REJECTED: _(
            "%(actor)s rejected the credit of “%(photo)s”, the lead photo of “%(subject)s”; the story shows no lead "
            "photo until another photo is put first."
        ),
    }


def subject(notification: Notification) -> str:
    return _("[Newsroom] %(event)s: %(subject)s") % {
        "event": notification.get_kind_display(),
        "subject": _subject_of(notification)[:80],
    }


def target_url(notification: Notification) -> str:
    """The admin page the notification is about (a path)."""
    if notification.article_id:
        return reverse("admin:articles_article_change", args=[notification.article_id])
    if notification.photo_id:
        return reverse("admin:articles_photo_change", args=[notification.photo_id])
    return reverse("admin:inbox")


def site_link(notification: Notification) -> str:
    return settings.NEWSROOM_SITE_URL + target_url(notification)


# --- the inbox -------------------------------------------------------------------------------------------------


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notification_ids=None) -> int:
    """Mark the user's notifications read (all of them without ids); someone else's are never touched."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


def set_email(user, enabled: bool) -> None:
    NotificationSettings.objects.update_or_create(user=user, defaults={"email": enabled})


# --- the send-back note on the story's page -----------------------------------------------------------------------


def send_back_note(user, article: Article) -> AuditEntry | None:
    """The note the story was last sent back with, while it is a draft again: what its reporter has to fix.
    None when the story's last workflow step was not a send-back."""
    if article is None or article.pk is None or article.status != ArticleStatus.DRAFT or not can_view(user, article):
        return None
    last_step = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=article.pk,
            action__in=STATE_CHANGES,
        )
        .select_related("user")
        .first()
    )
    return last_step if last_step is not None and last_step.action == AuditEntry.Action.SEND_BACK else None


def save_note(note) -> None:
    """Save a new editorial note and tell whoever it mentions, together: a note that fails to save tells nobody."""
    with transaction.atomic():
        note.save()
        notify_mentions(article=note.article, user=note.author, text=note.text)
