from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("verify/", views.verify, name="verify"),
    path("two-factor/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("security-keys/", views.keys, name="keys"),
    path("security-keys/options/", views.key_register_options, name="key-register-options"),
    path("security-keys/register/", views.key_register, name="key-register"),
    path("security-keys/<int:key_id>/remove/", views.key_remove, name="key-remove"),
    path("new-recovery-codes/", views.new_codes, name="new-codes"),
    path("verify/key/options/", views.key_verify_options, name="key-verify-options"),
    path("verify/key/", views.key_verify, name="key-verify"),
    path("password/", views.PasswordChangeView.as_view(), name="password"),
    path("api-tokens/", views.api_tokens, name="api-tokens"),
    path("api-tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api-token-revoke"),
]

# The main menu's entry of this feature (registered by the root URLconf).
MENU_ENTRIES = (("accounts:account", _("Account"), lambda user: True),)
