from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.accounts import views
from hotline.web import navigation

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("verify/", views.verify, name="verify"),
    path("two-factor/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("password/", views.PasswordChangeView.as_view(), name="password"),
]

navigation.register("accounts:account", _("Account"), lambda user: True)
