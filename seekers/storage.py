"""Private storage for personal documents: never under a public URL, names never the user's."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    # base_url=None: these files have no URL; views stream them after a permission check.
    return FileSystemStorage(location=settings.MEDIA_ROOT / "private", base_url=None)


def private_upload_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"seekers/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{extension}"
