"""Sentences for news-intelligence codes in zh-Hant (default, Hong Kong usage), zh-Hans and en.

File errors (missing_file, empty_file, cannot_write …) are said by the core's one table,
:data:`duijie_core.files.FILE_PHRASES`. ``not_utf8`` keeps its own sentence here (a CLUENER
file is "not a UTF-8 text file"), as the intel command has always said it.
"""

from __future__ import annotations

from collections.abc import Mapping

from duijie_core.files import describe_file_error
from duijie_core.locale import LANGUAGES
from duijie_core.problems import ParamValue

_MB = 1024 * 1024

_PHRASES: dict[str, tuple[str, str, str]] = {
    "too_large": (
        "檔案有 {size_mb} MB，上限為 {limit_mb} MB：請分拆後再上載",
        "文件有 {size_mb} MB，上限为 {limit_mb} MB：请拆分后再上传",
        "the file is {size_mb} MB; the limit is {limit_mb} MB: split it and upload the parts",
    ),
    "unreadable_text": (
        "{where}：無法辨認文字編碼，請另存為 UTF-8 後再試",
        "{where}：无法识别文字编码，请另存为 UTF-8 后再试",
        "{where}: the text encoding is not recognisable; save it as UTF-8 and try again",
    ),
    "decoded_as": (
        "已按 {encoding} 編碼讀取",
        "已按 {encoding} 编码读取",
        "read as {encoding}",
    ),
    "encrypted_pdf": (
        "{where}：PDF 已加密，請先移除密碼保護再上載",
        "{where}：PDF 已加密，请先解除密码保护再上传",
        "{where}: the PDF is encrypted; remove its password protection and upload it again",
    ),
    "broken_pdf": (
        "{where}：PDF 檔案損壞，無法讀取（{message}）",
        "{where}：PDF 文件损坏，无法读取（{message}）",
        "{where}: the PDF is damaged and cannot be read ({message})",
    ),
    "no_text_layer": (
        "{where}：這份 PDF（{pages} 頁）沒有文字層，似乎是掃描本；請先做文字辨識（OCR）或貼上文字",
        "{where}：这份 PDF（{pages} 页）没有文字层，似乎是扫描件；请先做文字识别（OCR）或粘贴文字",
        "{where}: this PDF ({pages} pages) has no text layer, it looks scanned; run OCR on it "
        "first or paste the text",
    ),
    "no_article": (
        "{where}：網頁中找不到正文（只有導覽或連結）；請打開文章本身的網頁或貼上文字",
        "{where}：网页中找不到正文（只有导航或链接）；请打开文章本身的网页或粘贴文字",
        "{where}: the page has no article text (only navigation or links); open the article's "
        "own page or paste the text",
    ),
    "not_utf8": (
        "{where}：不是 UTF-8 文字檔",
        "{where}：不是 UTF-8 文本文件",
        "{where}: not a UTF-8 text file",
    ),
    "bad_span": (
        "{where} 第 {line} 行：實體位置超出文字範圍",
        "{where} 第 {line} 行：实体位置超出文本范围",
        "{where}, line {line}: an entity span lies outside the text",
    ),
    "no_model": (
        "找不到實體識別模型 {where}：請先執行 duijie intel train --cluener 檔案",
        "找不到实体识别模型 {where}：请先运行 duijie intel train --cluener 文件",
        "no entity model at {where}: run duijie intel train --cluener FILE first",
    ),
    "bad_date": (
        "日期「{value}」無效，請用 YYYY-MM-DD",
        "日期“{value}”无效，请用 YYYY-MM-DD",
        "“{value}” is not a date; use YYYY-MM-DD",
    ),
}


def describe(code: str, params: Mapping[str, ParamValue], language: str = "zh-Hant") -> str:
    """The sentence for ``code`` in ``language``."""
    values = {key: str(value) for key, value in params.items()}
    for name in ("size", "limit"):
        if name in params:
            values[f"{name}_mb"] = f"{int(params[name]) / _MB:.1f}".removesuffix(".0")
    phrases = _PHRASES.get(code)
    if phrases is None:
        return describe_file_error(code, values, language)
    template = phrases[LANGUAGES.index(language) if language in LANGUAGES else 0]
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    template = template.removeprefix("{where}：").removeprefix("{where}: ")
    return template.removeprefix("：").removeprefix(": ")
