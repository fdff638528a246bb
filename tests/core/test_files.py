"""The core CLIs' output files (all or nothing) and their one table of file-error sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from duijie_core.chains.errors import ChainError
from duijie_core.chains.phrases import describe as describe_chains
from duijie_core.costs.errors import CostError
from duijie_core.costs.phrases import describe as describe_costs
from duijie_core.files import FILE_PHRASES, describe_file_error, write_output
from duijie_core.intel.errors import IntelError
from duijie_core.intel.phrases import describe as describe_intel

DESCRIBERS = {"chains": describe_chains, "costs": describe_costs, "intel": describe_intel}


def test_the_output_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    write_output(str(out), "{}\n", ChainError)
    assert out.read_text(encoding="utf-8") == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize("refuse", [ChainError, CostError, IntelError])
def test_an_unwritable_output_is_refused_in_the_cli_s_error_type(tmp_path: Path, refuse) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "no such folder" / "out.json"
    with pytest.raises(refuse) as raised:
        write_output(str(missing), "{}", refuse)
    error = raised.value
    code, params = (
        (error.code, error.params)
        if isinstance(error, CostError)
        else (error.problem.code, error.problem.params)
    )
    assert (code, params) == (
        "cannot_write",
        {"where": str(missing), "reason": "No such file or directory"},
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("missing_folder", ("找不到資料夾 kg", "找不到文件夹 kg", "folder not found: kg")),
        ("missing_file", ("找不到檔案 kg", "找不到文件 kg", "file not found: kg")),
        ("empty_file", ("kg：檔案是空的", "kg：文件是空的", "kg: the file is empty")),
        (
            "cannot_write",
            (
                "kg：無法寫入（Is a directory）",
                "kg：无法写入（Is a directory）",
                "kg: cannot write (Is a directory)",
            ),
        ),
        (
            "cannot_read",
            (
                "kg：無法讀取（Is a directory）",
                "kg：无法读取（Is a directory）",
                "kg: cannot read (Is a directory)",
            ),
        ),
    ],
)
def test_every_cli_says_a_file_error_with_the_one_table(
    code: str, expected: tuple[str, ...]
) -> None:
    params = {"where": "kg", "reason": "Is a directory"}
    for describe in DESCRIBERS.values():
        said = tuple(describe(code, params, language) for language in ("zh-Hant", "zh-Hans", "en"))
        assert said == expected


def test_not_utf8_keeps_each_cli_s_sentence() -> None:
    """The intel command calls a CLUENER file "not a UTF-8 text file", as it always has."""
    assert describe_chains("not_utf8", {"where": "a.csv"}, "zh-Hant") == "a.csv：不是 UTF-8 文字"
    assert describe_costs("not_utf8", {"where": "a.csv"}, "en") == "a.csv: not UTF-8 text"
    assert describe_intel("not_utf8", {"where": "a.json"}, "zh-Hant") == "a.json：不是 UTF-8 文字檔"


def test_other_codes_and_missing_parameters_stay_visible() -> None:
    assert describe_file_error("nope", {"a": 1}, "en") == "nope {'a': '1'}"
    assert describe_file_error("cannot_write", {"where": "x"}, "en") == "x: cannot write ({reason})"
    assert describe_file_error("missing_file", {}, "en") == "file not found: "
    assert set(FILE_PHRASES) == {
        "missing_folder",
        "missing_file",
        "empty_file",
        "not_utf8",
        "cannot_read",
        "cannot_write",
    }
