class ImportFailed(Exception):
    """An import of one source could not be done; carries the line at fault."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


class ParseError(ImportFailed):
    """The source text cannot be read as an article."""
