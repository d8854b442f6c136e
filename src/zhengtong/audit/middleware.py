from __future__ import annotations

from zhengtong.core import throttle

from .context import _current, _written, actor_for, rebind

UNSAFE = frozenset(("POST", "PUT", "PATCH", "DELETE"))
REFUSED = frozenset((403, 404))
# A user's refused requests recorded one by one in an hour; past them one row says so. Each row takes the chain's
# lock: a signed-in account posting in a loop must not fill the log nor hold up every audited change.
REFUSALS_PER_HOUR = 60


class AuditContextMiddleware:
    """Who acts in this request (every row it writes names him); and a change a signed-in user asked for that was
    refused with 403 or 404 and left no row (a step on a page of a case he may not see, a form posted without its
    token, a workbench page a citizen posted to) is recorded as refused, so that every refused change is on the
    record (issue 19, bad input), as the case engine's guards record theirs. Visitors who are not signed in are
    not recorded: anyone could fill the log so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(actor_for(getattr(request, "user", None), request))
        written = _written.set([0])
        try:
            response = self.get_response(request)
            if request.method in UNSAFE and response.status_code in REFUSED and _written.get()[0] == 0:
                _refused(request, response.status_code)
            return response
        finally:
            _written.reset(written)
            _current.reset(token)


def _refused(request, status: int) -> None:
    """Only a request a view answered (a path no view serves changes nothing and names nothing), and only the first
    REFUSALS_PER_HOUR of a user's in an hour, then one row that says there were more."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    if user is None or not user.is_authenticated or match is None:
        return
    from .services import audit_record  # the models, loaded once the apps are

    count = throttle.hit(throttle.keys("audit-refused", user=user.pk)[0], throttle.WINDOW)
    if count > REFUSALS_PER_HOUR + 1:
        return
    rebind(user, request)  # an API token is read inside the view, after this middleware set the actor
    if count == REFUSALS_PER_HOUR + 1:
        audit_record(
            action="audit.request.refusals_capped",
            object_type="request",
            changes={"per_hour": [None, REFUSALS_PER_HOUR]},
        )
        return
    audit_record(
        action="audit.request.refused",
        object_type="request",  # the path only in the changes, where a person's number in it is masked
        changes={
            "method": [None, request.method],
            "path": [None, request.path[:200]],
            "status": [None, str(status)],
            "view": [None, match.view_name],
        },
    )
