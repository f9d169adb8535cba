"""Turning a file's bytes into text lines, with errors that say where."""

import codecs
import re

from .errors import ParseError

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, encoding: str = "utf-8") -> str:
    """Decode `data`, refusing binary data and naming the line of a bad byte.

    A byte-order mark wins over `encoding`. A file cut in the middle of a
    multi-byte character loses that character rather than the whole file.
    """
    for bom, bom_encoding in BOMS:
        if data.startswith(bom):
            encoding = bom_encoding
            data = data[len(bom) :] if bom_encoding == "utf-8" else data
            break
    if not data.strip():
        raise ParseError("the file is empty", line=1)
    wide = encoding.replace("-", "").lower().startswith(("utf16", "utf32"))
    nul = -1 if wide else data.find(b"\x00")
    if nul >= 0:
        raise ParseError("binary data, not article text", line=data.count(b"\n", 0, nul) + 1)
    try:
        text = data.decode(encoding)
    except LookupError:
        raise ParseError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        if _cut_mid_character(data, error):
            text = data[: error.start].decode(encoding)
        else:
            line = data.count(b"\n", 0, error.start) + 1
            raise ParseError(
                f"the file is not valid {encoding} (byte 0x{data[error.start]:02x}); "
                "convert it or name its encoding with --encoding",
                line=line,
            ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise ParseError("binary data, not article text", line=text.count("\n", 0, nul) + 1)
    return text


def _cut_mid_character(data: bytes, error: UnicodeDecodeError) -> bool:
    return error.reason == "unexpected end of data" and error.end == len(data)


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines without their endings (LF, CRLF or CR) or trailing white space.

    Only these three count as line breaks, so line numbers agree with an
    editor's.
    """
    lines = [line.rstrip() for line in LINE_BREAK.split(text)]
    if lines and lines[-1] == "":
        lines.pop()
    return lines
