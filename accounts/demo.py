from django.contrib.auth.models import Group

from .models import User
from .roles import Role

DEMO_ACCOUNTS = [
    # (label, email, phone, full name, role, is_staff, is_superuser)
    ("Administrator", "admin@demo.bekasikab.go.id", None, "Admin Disnaker", None, True, True),
    ("Disnaker staff", "staf@demo.bekasikab.go.id", None, "Siti Rahmawati", Role.DISNAKER, True, False),
    ("TKP3D member", "tkp3d@demo.bekasikab.go.id", None, "Bambang Sutrisno", Role.TKP3D, False, False),
    ("Partner-institution staff", "mitra@demo.bekasikab.go.id", None, "Dewi Lestari", Role.PARTNER, False, False),
    ("Bank officer", "bank@demo.bekasikab.go.id", None, "Agus Setiawan", Role.BANK, False, False),
    ("Job seeker", "pencaker@demo.bekasikab.go.id", "081234567890", "Rina Marlina", None, False, False),
]


def seed(*, faker, password):
    made = []
    for label, email, phone, name, role, is_staff, is_superuser in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, password, phone=phone, full_name=name, is_staff=is_staff, is_superuser=is_superuser
            )
        if role:
            user.groups.add(Group.objects.get(name=role.value))
        made.append((label, email + (f" / {phone}" if phone else "")))
    return made
