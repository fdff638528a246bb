"""Helpers that build small spreadsheets in memory for import tests."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

HEADERS_ZH = [
    "項目編號",
    "項目名稱（繁體）",
    "项目名称（简体）",
    "重點產業",
    "市州",
    "總投資",
    "擬融資金額",
    "融資方式",
    "項目階段",
]
HEADERS_EN = [
    "Project code",
    "Project name (zh-Hant)",
    "Project name (zh-Hans)",
    "Key industry",
    "City",
    "Total investment",
    "Financing sought",
    "Financing instrument",
    "Stage",
]


def row(code: str = "HN-001", **overrides: str) -> list[str]:
    values = {
        "code": code,
        "hant": "長沙儲能電站項目",
        "hans": "长沙储能电站项目",
        "industry": "新能源",
        "city": "長沙市",
        "investment": "3.5億元",
        "financing": "1億元",
        "instrument": "股權",
        "stage": "在建",
    }
    values.update(overrides)
    return list(values.values())


def xlsx(
    rows: list[list[object]], *, headers: list[str] = HEADERS_ZH, merge: str | None = None
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list[str]], *, headers: list[str] = HEADERS_EN, encoding: str = "utf-8"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)
