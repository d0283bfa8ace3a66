"""Staff sign-in, hardened (issue 17): lockout after failed passwords, a second factor, idle sessions ending.

Its own package because these pieces only make sense together and none of them is newsroom domain logic:
``addresses`` (which client a request comes from), ``lockout`` (django-axes' handler, backend and 429 page),
``two_factor`` (who must use a code, enrolment and verification views), ``middleware`` (the two rules applied to
every request). The settings they read are in newsroom/settings.py under "Logins"; README.md explains them.
"""
