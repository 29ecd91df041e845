"""Every message the placement workflows send, in one place.

Services call these inside the transaction of the change (the notification row is the outbox:
a rolled-back change sends nothing). Templates: templates/notifications/events/placements.*/.
"""

from django.urls import reverse

from notifications.services import notify


def employer_staff_decided(staff):
    notify(
        user=staff.user,
        event="placements.employer_staff_decided",
        context={
            "employer": staff.employer.name,
            "verified": staff.status == staff.Status.VERIFIED,
            "reason": staff.status_reason,
            "url": reverse("placements:employer_home"),
        },
        key=f"placements.employer_staff.{staff.pk}.{staff.status}",
    )


def vacancy_decided(vacancy):
    if vacancy.created_by_id is None:
        return
    notify(
        user=vacancy.created_by,
        event="placements.vacancy_decided",
        context={
            "title": vacancy.title,
            "published": vacancy.status == vacancy.Status.PUBLISHED,
            "reason": vacancy.status_reason,
            "url": reverse("placements:employer_vacancy", args=[vacancy.pk]),
        },
        key=f"placements.vacancy.{vacancy.pk}.{vacancy.status}.{vacancy.updated_at:%s}",
    )


def application_changed(application):
    notify(
        user=application.seeker.user,
        event="placements.application_changed",
        context={
            "title": application.vacancy.title,
            "employer": application.vacancy.employer.name,
            "status": application.get_status_display(),
            "status_code": application.status,
            "reason": application.status_reason,
            "url": reverse("placements:my_applications"),
        },
        key=f"placements.application.{application.pk}.{application.status}",
    )


def placement_decided(placement):
    notify(
        user=placement.seeker.user,
        event="placements.placement_decided",
        context={
            "position": placement.position,
            "employer": placement.employer_display,
            "verified": placement.status == placement.Status.VERIFIED,
            "reason": placement.status_reason,
            "url": reverse("placements:my_placements"),
        },
        key=f"placements.placement.{placement.pk}.{placement.status}",
    )


def follow_up(follow_up):
    placement = follow_up.placement
    notify(
        user=placement.seeker.user,
        event="placements.follow_up",
        context={
            "months": follow_up.months,
            "position": placement.position,
            "employer": placement.employer_display,
            "url": follow_up.get_absolute_url(),
        },
        key=f"placements.follow_up.{follow_up.pk}",
    )
