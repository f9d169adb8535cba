"""White space, folded the same way everywhere credits are read."""


def normalise_space(text: str) -> str:
    """Fold runs of white space (non-breaking spaces too) into one space."""
    # Most text is already so: printable (so no white space but the plain
    # space), no two spaces in a row, none at either end.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    # str.split() cuts at the same characters as `\s` (str.isspace()).
    return " ".join(text.split())
