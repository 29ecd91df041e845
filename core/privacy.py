"""The privacy notice's version: the consent record names it (seekers.Consent.notice_version)."""

# Change the version whenever the notice's content changes (templates/core/privacy_*.html);
# a consent names the version the person saw.
NOTICE_VERSION = "2026-11"
