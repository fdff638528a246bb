"""The check-in page behind every QR code: staff check people in, the owner of the
code sees what it is for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import onsite


@login_required
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """Opened from a scanned QR code. Staff see who, where, when and whether the
    counterpart has arrived, and check the person in with one button (a second scan
    says when and by whom); the person whose code it is sees their meeting; anyone
    else is refused."""
    try:
        target = onsite.read_token(token)
    except TradeWeekError as error:
        return render(request, "tradeweek/staff/check_in.html", {"error": str(error)}, status=404)
    staff = request.user.has_perm("tradeweek.check_in")
    if not staff and (request.method == "POST" or onsite.owner_of(target) != request.user.pk):
        raise PermissionDenied
    done = None
    if request.method == "POST":
        done = onsite.check_in(target=target, by=request.user)
        target = onsite.read_token(token)
    other = onsite.other_seat(target.seat) if target.seat is not None else None
    context = {"target": target, "done": done, "staff": staff, "other": other}
    return render(request, "tradeweek/staff/check_in.html", context)
