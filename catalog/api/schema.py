"""Additions to the generated OpenAPI schema: the error responses every client meets."""

ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What was wrong."},
        "errors": {
            "type": "object",
            "description": "For invalid input: the messages per parameter or field; "
            "otherwise empty.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail", "errors"],
}

MESSAGES = {
    "304": "Not modified: the ETag (If-None-Match) or date (If-Modified-Since) sent "
    "is still current; anonymous reads only.",
    "400": "Invalid parameters or body; `errors` says which and why.",
    "401": "Authentication credentials were not provided or are invalid.",
    "403": "Writes need a staff account holding the model permission; original image "
    "files, edit histories and exports (`format=csv`, `format=jsonl`) need a staff "
    "account that may view the model, the usage report one that may view uses.",
    "404": "No such resource, no such page, or no such format.",
    "409": "Someone else changed the slide order since you read it.",
    "429": "Too many requests; try again later (`Retry-After` says when).",
    "503": "An anonymous read ran past the time limit of one database query "
    "(API_ANON_QUERY_TIMEOUT_MS); narrow it, or sign in.",
}

WRITES = {"post", "put", "patch", "delete"}
# Reads that need a staff account: a photo's original file, a record's
# history, the usage report.
STAFF_READS = ("/original/", "/history/", "/reports/agency-usage/")


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: document 4xx answers on every
    operation, and that reads need no authentication."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            codes = {"429"}
            if method in WRITES or operation.get("parameters"):
                codes.add("400")
            if "{" in path or any(
                p.get("name") in ("page", "format") for p in operation.get("parameters", [])
            ):
                codes.add("404")
            staff_read = method not in WRITES and path.endswith(STAFF_READS)
            staff_only_part = path.endswith("/credited/")  # size=original
            if method in WRITES or staff_read or staff_only_part or _exports(operation):
                codes |= {"401", "403"}
            if path.endswith("/order/"):
                codes.add("409")
            if method == "get" and path.startswith("/api/") and "/schema" not in path:
                codes.add("503")
            if method not in WRITES and not staff_read:
                # Reading needs no account: one empty requirement, which Swagger
                # UI shows without a padlock (a token is still honoured).
                operation["security"] = [{}]
            responses = operation.setdefault("responses", {})
            if method == "get" and "/schema" not in path and not staff_read:
                responses.setdefault("304", {"description": MESSAGES["304"]})
            for code in sorted(codes):
                responses.setdefault(
                    code,
                    {
                        "description": MESSAGES[code],
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result


def _exports(operation) -> bool:
    """A list that exports (`format=csv`), for staff only (catalog/api/exports.py)."""
    for parameter in operation.get("parameters", []):
        if parameter.get("name") == "format" and "csv" in parameter["schema"].get("enum", []):
            return True
    return False
