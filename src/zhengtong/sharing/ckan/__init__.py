"""The CKAN Action API's read endpoints (/api/3/action/<name> and /api/action/<name>), answering as CKAN 2.10
does, so CKAN clients (ckanapi) and harvesters read the open datasets: {"help", "success", "result"}, and on
failure {"help", "success": false, "error": {"__type", "message", …}} with CKAN's status codes. GET takes the
parameters in the query string, POST in a JSON body (ckanapi posts)."""

from .actions import action, api_version

__all__ = ["action", "api_version"]
