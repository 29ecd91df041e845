"""Private storage for personal documents: never under a public URL, names never the user's."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files with no URL at all: views stream them after a permission check."""

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


def private_storage():
    return PrivateStorage(location=settings.MEDIA_ROOT / "private")


def private_upload_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"seekers/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{extension}"
