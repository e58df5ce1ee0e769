from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hotline.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from hotline.accounts import signals

        user_logged_in.connect(signals.password_step_done, dispatch_uid="hotline.accounts.password_step")
