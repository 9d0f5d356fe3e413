# Owned by the browse/home work: the /projects/ list with filters.
from django.http import HttpResponse


def project_list(request):
    return HttpResponse("")
