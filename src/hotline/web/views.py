from django.http import JsonResponse
from django.shortcuts import render

from hotline.access import policy


def home(request):
    collections = policy.visible_collections(request.user).order_by("alias")
    return render(request, "web/home.html", {"collections": collections})


def health(request):
    return JsonResponse({"status": "ok"})
