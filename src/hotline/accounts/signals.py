from hotline.access import second_factor, throttle


def password_step_done(sender, request, user, **kwargs):
    """A user who needs no second step has signed in completely: forget their failed attempts. The others
    are forgotten after the second step (accounts.views)."""
    if request is not None and not second_factor.needs_second_step(user):
        throttle.reset(request, user.get_username())
