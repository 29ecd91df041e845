"""The private bucket (django-storages' S3 backend), imported only when MEDIA_S3_BUCKET is set."""

from urllib.parse import quote

import boto3
from botocore.config import Config
from django.conf import settings
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """Objects under `private/` in a private bucket. `url()` is refused like the filesystem's:
    the only way to a file is `presigned_url()`, which the document view calls after its
    permission check."""

    presigned = True

    def __init__(self, *, public_endpoint_url=None, **overrides):
        self.public_endpoint_url = public_endpoint_url or settings.MEDIA_S3_PUBLIC_ENDPOINT_URL
        options = {
            "bucket_name": settings.MEDIA_S3_BUCKET,
            "endpoint_url": settings.MEDIA_S3_ENDPOINT_URL or None,
            "access_key": settings.MEDIA_S3_ACCESS_KEY or None,
            "secret_key": settings.MEDIA_S3_SECRET_KEY or None,
            "region_name": settings.MEDIA_S3_REGION,
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": settings.MEDIA_URL_EXPIRY_SECONDS,
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": "path",
            "object_parameters": {"CacheControl": "private, no-store"},
            **overrides,
        }
        super().__init__(**options)

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")

    def presigned_url(self, name, *, filename, content_type, as_attachment) -> str:
        disposition = "attachment" if as_attachment else "inline"
        params = {
            "Bucket": self.bucket_name,
            "Key": self._normalize_name(name),
            "ResponseContentType": content_type,
            "ResponseContentDisposition": f"{disposition}; filename*=UTF-8''{quote(filename)}",
            "ResponseCacheControl": "private, no-store",
        }
        client = self.connection.meta.client
        if self.public_endpoint_url:
            # The browser reaches the bucket at another address than the web nodes do (compose:
            # http://minio:9000 inside, the public name outside). Signing needs no request, so a
            # client for the public address signs a URL for it.
            client = boto3.session.Session().client(
                "s3",
                endpoint_url=self.public_endpoint_url,
                aws_access_key_id=self.access_key,
                aws_secret_access_key=self.secret_key,
                region_name=self.region_name,
                config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
            )
        return client.generate_presigned_url("get_object", Params=params, ExpiresIn=self.querystring_expire)
