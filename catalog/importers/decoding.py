"""Turning a file's bytes into text lines, with errors that say where."""

import codecs
import re

from .errors import ParseError

# UTF-32 first: its little-endian mark begins with UTF-16's.
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Half of a UTF-16 pair on its own: some codecs (utf-7, unicode_escape) decode
# to it, and no database can store it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_text(data: bytes, encoding: str = "utf-8") -> str:
    """Decode `data`, refusing binary data and naming the line of a bad byte.

    A byte-order mark wins over `encoding`. A file cut in the middle of a
    multi-byte character loses that character rather than the whole file.
    Line numbers count LF, CRLF and CR alike, as `split_lines` does.
    """
    for bom, bom_encoding in BOMS:
        if data.startswith(bom):
            encoding = bom_encoding
            data = data[len(bom) :] if bom_encoding == "utf-8" else data
            break
    try:
        wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
        text = data.decode(encoding)
    except LookupError:  # unknown, or a bytes-to-bytes codec such as base64
        raise ParseError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        if not _cut_mid_character(data, error):
            raise _unreadable(data, encoding, error.start, wide) from None
        text = data[: error.start].decode(encoding)
    except UnicodeError:  # codecs that cannot say where (idna, punycode)
        raise ParseError(
            f"the file is not valid {encoding}; convert it or name its encoding with --encoding",
            line=1,
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise ParseError("binary data, not article text", line=_line_number(text[:nul]))
    surrogate = LONE_SURROGATE.search(text)
    if surrogate:
        raise ParseError(
            f"the file is not valid {encoding} (it decodes to a lone surrogate); "
            "convert it or name its encoding with --encoding",
            line=_line_number(text[: surrogate.start()]),
        )
    if not text.strip():
        raise ParseError("the file is empty", line=1)
    return text


def _cut_mid_character(data: bytes, error: UnicodeDecodeError) -> bool:
    """Whether only the last, incomplete character is wrong (UTF-8, UTF-16, UTF-32)."""
    cut = error.reason in ("unexpected end of data", "truncated data")
    return cut and error.end == len(data)


def _unreadable(data: bytes, encoding: str, offset: int, wide: bool) -> ParseError:
    """Binary data (a NUL byte, in an encoding without NUL bytes), or the bad byte."""
    nul = -1 if wide else data.find(b"\x00")
    if nul >= 0:
        return ParseError("binary data, not article text", line=_line_at(data, nul, encoding))
    return ParseError(
        f"the file is not valid {encoding} (byte 0x{data[offset]:02x}); "
        "convert it or name its encoding with --encoding",
        line=_line_at(data, offset, encoding),
    )


def _line_at(data: bytes, offset: int, encoding: str) -> int:
    """The line holding byte `offset`, counted as `split_lines` counts lines."""
    try:
        before = data[:offset].decode(encoding, errors="replace")
    except (UnicodeError, LookupError):
        before = data[:offset].decode("latin-1")
    return _line_number(before)


def _line_number(before: str) -> int:
    return len(LINE_BREAK.findall(before)) + 1


def split_lines(text: str) -> list[str]:
    """Lines without their endings (LF, CRLF or CR) or trailing white space.

    Only these three count as line breaks, so line numbers agree with an
    editor's.
    """
    lines = [line.rstrip() for line in LINE_BREAK.split(text)]
    if lines and lines[-1] == "":
        lines.pop()
    return lines
