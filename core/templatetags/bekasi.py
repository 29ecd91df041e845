from django import template

from core import formatting

register = template.Library()

register.filter("rupiah", formatting.rupiah)
register.filter("tanggal", formatting.long_date)
