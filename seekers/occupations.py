"""Common occupations people in Kabupaten Bekasi look for, to search while typing the wanted
position (a <datalist>): short names as a job seeker says them, instead of KBLI sector names.
Until the placements app's KBJI reference is merged; then that list replaces this one."""

from django.utils.translation import gettext_lazy as _

COMMON_OCCUPATIONS = [
    _("Production operator"), _("Machine operator"), _("Forklift operator"), _("Quality control (QC)"),
    _("Warehouse staff"), _("Packer"), _("Welder"), _("Mechanic"), _("Car mechanic"), _("Motorcycle mechanic"),
    _("Electrician"), _("Technician"), _("Maintenance technician"), _("CNC operator"), _("Lathe operator"),
    _("Driver"), _("Courier"), _("Security guard"), _("Cleaning service"), _("Office boy/girl"),
    _("Administrative staff"), _("Cashier"), _("Shop assistant"), _("Sales"), _("Customer service"),
    _("Accounting staff"), _("Bookkeeper"), _("Data entry"), _("Receptionist"), _("Cook"), _("Kitchen helper"),
    _("Waiter/waitress"), _("Barista"), _("Tailor"), _("Sewing operator"), _("Construction worker"),
    _("Carpenter"), _("Mason"), _("Painter"), _("Caregiver"), _("Nurse"), _("Teacher"), _("Graphic designer"),
    _("Programmer"), _("IT support"), _("Digital marketing"), _("Farm worker"), _("Fisherman"),
]  # fmt: skip
