from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required


def staff_permission_required(perm):
    """Anonymous people go to the login page; logged-in people without `perm` get 403."""

    def decorator(view):
        return wraps(view)(login_required(permission_required(perm, raise_exception=True)(view)))

    return decorator
