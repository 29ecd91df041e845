from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Ticket
from .services import ticket_approve


@csrf_exempt  # tests only: driven by urllib against the live server
@require_POST
def approve(request, pk):
    ticket = ticket_approve(ticket=get_object_or_404(Ticket, pk=pk), actor=None)
    return JsonResponse({"status": ticket.status})
