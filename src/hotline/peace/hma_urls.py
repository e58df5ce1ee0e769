"""The HMA-compatible API, under /hma/ (see peace/hma.py)."""

from django.urls import path

from hotline.peace import hma

app_name = "hma"

urlpatterns = [
    path("h/hash", hma.hash_media, name="hash"),
    path("m/lookup", hma.lookup, name="lookup"),
    path("c/banks", hma.banks, name="banks"),
    path("c/bank/<str:name>", hma.bank, name="bank"),
    path("c/bank/<str:name>/content", hma.bank_content, name="bank-content"),
    path("c/bank/<str:name>/content/<int:content_id>", hma.bank_content_item, name="bank-content-item"),
    path("c/bank/<str:name>/signal", hma.bank_signal, name="bank-signal"),
]
