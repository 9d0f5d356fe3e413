from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.apikeys.forms import TokenForm
from planet.apikeys.models import PersonalToken

# The raw token lives in the session from the creation (POST) to the next page (GET) only.
NEW_TOKEN_KEY = "apikeys_new_token"


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = form.save()
        request.session[NEW_TOKEN_KEY] = {"id": token.pk, "raw": raw}
        messages.success(request, _("Your token is created. Copy it now: it is shown only once."))
        return redirect("apikeys:list")
    context = {
        "form": form,
        "tokens": PersonalToken.objects.of(request.user),
        "new_token": request.session.pop(NEW_TOKEN_KEY, None),
    }
    return render(request, "apikeys/tokens.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(PersonalToken.objects.of(request.user), pk=pk)
    token.revoke()
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("apikeys:list")
