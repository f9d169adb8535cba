"""Short labels for long text: cut between words, marked with "…"."""

ELLIPSIS = "…"
# Left at the end of a cut: "the border, …" reads worse than "the border…".
TRAILING = " \t\n,;:-\u2013\u2014(/"


def with_article(noun: str) -> str:
    """`noun` after "a" or "an", chosen by its first letter ("an agency")."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def shorten(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters, cut after a whole word.

    A single word longer than the limit is cut inside it (there is no
    boundary to cut at), still marked with "…".
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    if cut[-1] != " ":  # the cut fell inside a word: go back to its start
        head, space, _ = cut.rpartition(" ")
        cut = head if space and head.strip() else cut[: limit - len(ELLIPSIS)]
    return cut.rstrip(TRAILING) + ELLIPSIS
