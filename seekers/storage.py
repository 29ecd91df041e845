"""Private storage for personal documents: never under a public URL, names never the user's.

On one machine the files sit under MEDIA_ROOT/private and views stream them after the
permission check. With `MEDIA_S3_BUCKET` set they sit in an S3-compatible bucket (MinIO in
compose.yaml), private (no public ACL, no bucket policy); after the same permission check the
document view redirects to a presigned URL that works for MEDIA_URL_EXPIRY_SECONDS (60 s) only.
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files with no URL at all: views stream them after a permission check."""

    presigned = False

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


def private_storage():
    if getattr(settings, "MEDIA_S3_BUCKET", ""):
        from .storage_s3 import PrivateS3Storage

        return PrivateS3Storage()
    return PrivateStorage(location=settings.MEDIA_ROOT / "private")


def private_upload_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"seekers/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{extension}"
