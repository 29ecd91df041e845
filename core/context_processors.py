from django.conf import settings


def office(request):
    """The office's contact details for the official footer (settings OFFICE_*)."""
    return {
        "office": {
            "name": settings.OFFICE_NAME,
            "address": settings.OFFICE_ADDRESS,
            "hotline": settings.OFFICE_HOTLINE,
            "whatsapp": settings.OFFICE_WHATSAPP,
            "hours": settings.OFFICE_HOURS,
            "email": settings.OFFICE_EMAIL,
            "complaints_url": settings.COMPLAINTS_URL,
        }
    }
