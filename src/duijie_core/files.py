"""Files the core's command-line tools read and write: all or nothing, and the one table of
sentences for file errors (not found, empty, not UTF-8, unreadable, unwritable) that every
core CLI (chains, costs, intel) says in zh-Hant (Hong Kong usage), zh-Hans and en."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from duijie_core.locale import LANGUAGES
from duijie_core.problems import ParamValue

FILE_PHRASES: dict[str, tuple[str, str, str]] = {
    "missing_folder": ("找不到資料夾 {where}", "找不到文件夹 {where}", "folder not found: {where}"),
    "missing_file": ("找不到檔案 {where}", "找不到文件 {where}", "file not found: {where}"),
    "empty_file": ("{where}：檔案是空的", "{where}：文件是空的", "{where}: the file is empty"),
    "not_utf8": ("{where}：不是 UTF-8 文字", "{where}：不是 UTF-8 文本", "{where}: not UTF-8 text"),
    "cannot_read": (
        "{where}：無法讀取（{reason}）",
        "{where}：无法读取（{reason}）",
        "{where}: cannot read ({reason})",
    ),
    "cannot_write": (
        "{where}：無法寫入（{reason}）",
        "{where}：无法写入（{reason}）",
        "{where}: cannot write ({reason})",
    ),
}


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it over ``path``.

    On failure the ``OSError`` propagates and nothing is left behind: neither a partial
    ``path`` nor the temporary file.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_output(path: str, text: str, refuse: Callable[..., Exception]) -> None:
    """:func:`write_atomically`, an ``OSError`` raised as ``refuse("cannot_write", where=path,
    reason=…)`` (the calling CLI's error type, said by :func:`describe_file_error`)."""
    try:
        write_atomically(path, text)
    except OSError as error:
        raise refuse("cannot_write", where=path, reason=error.strerror or str(error)) from None


def describe_file_error(code: str, params: Mapping[str, ParamValue], language: str) -> str:
    """The sentence for the file error ``code``; any other code stays visible with its
    parameters (``nope {'a': '1'}``), as does a parameter not given."""
    return describe_with({}, code, params, language)


def describe_with(
    table: Mapping[str, tuple[str, str, str]],
    code: str,
    params: Mapping[str, ParamValue],
    language: str,
) -> str:
    """The sentence for ``code`` from ``table`` (``str.format`` templates in zh-Hant, zh-Hans,
    en), else from :data:`FILE_PHRASES`, else the code and its parameters; a missing
    ``{where}`` is left out with the separator after it."""
    values = {key: str(value) for key, value in params.items()}
    phrases = table.get(code) or FILE_PHRASES.get(code)
    if phrases is None:
        return f"{code} {values}"
    template = phrases[LANGUAGES.index(language) if language in LANGUAGES else 0]
    text = template.format_map(_Visible({"where": "", **values}))
    return text.removeprefix("：").removeprefix(": ")


class _Visible(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
