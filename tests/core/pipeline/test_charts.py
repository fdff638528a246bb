from decimal import Decimal

from duijie_core.pipeline.charts import BarChart, Series, bar_chart_svg


def test_bar_chart_svg_scales_bars_and_escapes_text():
    chart = BarChart(
        title="Signed <vs> arrived",
        categories=("長沙", "A very long category name indeed"),
        series=(
            Series("signed", (Decimal(10), Decimal(5))),
            Series("arrived", (Decimal("2.50"), None)),
        ),
        unit="%",
    )
    svg = bar_chart_svg(chart)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="520" height="140"')
    assert "Signed &lt;vs&gt; arrived" in svg
    assert '<rect x="150" y="26" width="300" height="12" fill="#b3261e"/>' in svg
    assert '<rect x="150" y="42" width="75" height="12" fill="#1f4fa3"/>' in svg
    assert ">2.5%</text>" in svg
    assert ">—</text>" in svg
    assert ">A very long c…</text>" in svg
    assert svg.endswith("</svg>")


def test_empty_chart_is_still_valid():
    svg = bar_chart_svg(BarChart(title="t", categories=(), series=()))
    assert svg == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="520" height="44" viewBox="0 0 520 44" '
        'role="img" aria-label="t"><text x="4" y="14" font-size="12">t</text></svg>'
    )


def test_bar_values_are_grouped_in_the_readers_language():
    chart = BarChart(title="t", categories=("a",), series=(Series("s", (Decimal("22096.5"),)),))
    assert ">22,096.5</text>" in bar_chart_svg(chart)


def test_amount_bars_read_as_money_with_units():
    million = Decimal(1_000_000)
    series = (Series("signed", (Decimal("22096.5"),)),)
    texts = [
        bar_chart_svg(
            BarChart("t", ("a",), series, language=language, currency="CNY", scale=million)
        )
        for language in ("zh-Hant", "zh-Hans", "en")
    ]
    assert ">220.965億人民幣</text>" in texts[0]
    assert ">220.965亿人民币</text>" in texts[1]
    assert ">CN¥22.0965bn</text>" in texts[2]
