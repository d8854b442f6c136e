"""Each operation of the schema lists the error answers it can give, each in the one error shape (api/errors.py):
a client's generated code then knows them as it knows the success, where the schema said them in prose alone.

Which answers an operation can give is read from the operation itself:
- 400 where it takes a body or query parameters (a value refused, naming its field in `fields`);
- 401 and 403 where it is not open to anyone (no token, or a token without the right);
- 404 where its path names something (a case, an item) that may not exist or not be his to see;
- 409 where it performs a case's action (not open in the case's state) or takes an Idempotency-Key (the key reused
  for another request).
"""

from __future__ import annotations

ERROR = {
    "type": "object",
    "description": "错误的统一格式。",
    "properties": {
        "code": {"type": "string", "description": "稳定的错误代码，程序据此判断"},
        "message": {"type": "string", "description": "给人看的中文说明"},
        "fields": {
            "type": "object",
            "description": "有误的参数：参数名 → 问题列表",
            "additionalProperties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                    "required": ["message"],
                },
            },
        },
    },
    "required": ["code", "message", "fields"],
}
ANSWERS = {
    "400": "参数有误（fields 列出有误的参数）",
    "401": "未认证：缺少令牌或令牌无效",
    "403": "无权进行此操作",
    "404": "要找的内容不存在，或不在您可见的范围内",
    "409": "当前状态下不能办理，或 Idempotency-Key 已用于另一请求",
}


def _answers(path: str, method: str, operation: dict) -> list[str]:
    codes = []
    if "requestBody" in operation or any(p.get("in") == "query" for p in operation.get("parameters", [])):
        codes.append("400")
    if {} not in operation.get("security", [{}]):  # drf-spectacular lists {} where no credential is needed
        codes += ["401", "403"]
    if "{" in path:
        codes.append("404")
    keyed = any(p.get("in") == "header" and p.get("name") == "Idempotency-Key" for p in operation.get("parameters", []))
    if method == "post" and "/actions/" in path or keyed:
        codes.append("409")
    return codes


def add_error_answers(result: dict, generator, request, public) -> dict:
    """drf-spectacular's postprocessing hook (settings.SPECTACULAR_SETTINGS)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in _answers(path, method, operation):
                responses.setdefault(
                    code, {"description": ANSWERS[code], "content": {"application/json": {"schema": ref}}}
                )
    return result
