from functools import cache


class ImportFailed(Exception):
    """An import of one source could not be done; carries the line at fault."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message

    def __reduce__(self):
        # Outcomes travel between the processes of a parallel import.
        return (_rebuild, (type(self), self.__dict__))


def _rebuild(cls, state):
    error = Exception.__new__(cls)
    Exception.__init__(error, state["message"])
    error.__dict__.update(state)
    return error


class ParseError(ImportFailed):
    """The source text cannot be read as an article."""


def check_lengths(model, values: dict, line: int | None):
    """Refuse text longer than its column, naming the line, before any write."""
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        max_length = _max_length(model, name)
        if max_length and len(value) > max_length:
            raise ImportFailed(
                f"{model._meta.verbose_name} {name.replace('_', ' ')} is longer than "
                f"{max_length} characters: {value[:40]!r}...",
                line=line,
            )


@cache
def _max_length(model, name: str) -> int | None:
    # Looked up once per column: imports check hundreds of values per file.
    return getattr(model._meta.get_field(name), "max_length", None)
