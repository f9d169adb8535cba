"""Response headers Django 5.2 does not send itself."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Sends `CONTENT_SECURITY_POLICY` (directive -> sources) on every response
    that has no policy of its own, so that a script smuggled into a page does not
    run. (Django 6.0 has this built in as SECURE_CSP.)"""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            " ".join([directive, *sources])
            for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
