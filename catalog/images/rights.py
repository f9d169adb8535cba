"""Usage rights a file states (XMP rights and PLUS, read by metadata/xmp.py),
as the catalog keeps them. Plain values: no model is imported here."""

import re
from dataclasses import dataclass

# A Creative Commons licence or public-domain tool, by the address of its deed.
CREATIVE_COMMONS = re.compile(
    r"^https?://(?:www\.)?creativecommons\.org/(?P<kind>licenses|publicdomain)/"
    r"(?P<code>[a-z-]+)(?:/(?P<version>\d+(?:\.\d+)?))?",
    re.IGNORECASE,
)
URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class EmbeddedRights:
    """What a file says of its rights; "" where it says nothing."""

    restrictions: str = ""  # the usage terms, as written
    source: str = ""  # the web statement of rights, when it is an address
    licensor: str = ""
    category: str = ""  # a RightsCategory value when the web statement makes it plain
    licence: str = ""


def embedded_rights(*, usage_terms: str, web_statement: str, licensor: str) -> EmbeddedRights:
    statement = web_statement.strip()
    category, licence = "", ""
    match = CREATIVE_COMMONS.match(statement)
    if match:
        code, version = match["code"].lower(), match["version"] or ""
        if match["kind"].lower() == "licenses":
            category, licence = "creative_commons", f"CC {code.upper()} {version}".strip()
        elif code == "zero":
            category, licence = "creative_commons", f"CC0 {version}".strip()
        elif code == "mark":
            category = "public_domain"
    return EmbeddedRights(
        restrictions=usage_terms.strip(),
        source=statement if URL.match(statement) else "",
        licensor=licensor.strip(),
        category=category,
        licence=licence,
    )
