"""Formula-safe text for CSV cells (OWASP "CSV injection"), shared by every CSV writer.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula. :func:`escape_cell` prefixes such text with a single
quote; :func:`unescape_cell` removes exactly that quote when the file is read back, so
an exported value imports unchanged. (In .xlsx files text is stored as a text cell
instead, which needs no quote at all.)
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet program evaluates: a quote before a formula
    start, also when quotes already lead to one (``'=`` is written ``''=``, so that it does
    not read back as ``=``)."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`: drop one leading quote where quotes lead to a formula start."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text
