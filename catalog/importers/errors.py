from catalog.outcomes import ImportFailed


class ParseError(ImportFailed):
    """The source text cannot be read as an article."""
