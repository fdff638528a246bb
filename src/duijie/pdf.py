"""PDF rendering shared by the booklet, agendas and reports (WeasyPrint).

Fonts come from the system through fontconfig: set-up installs Noto Sans CJK
(Debian's fonts-noto-cjk), whose HK, SC and TC faces give each language its
own glyph forms. WeasyPrint embeds the subset of glyphs each PDF uses.
"""

from __future__ import annotations

from django.template.loader import render_to_string

FONT_FAMILIES = {
    "zh-hant": '"Noto Sans CJK HK", "Noto Sans CJK TC", "Noto Sans CJK SC", sans-serif',
    "zh-hans": '"Noto Sans CJK SC", "Noto Sans CJK HK", sans-serif',
    "en": '"Noto Sans", "DejaVu Sans", "Noto Sans CJK HK", sans-serif',
}
HTML_LANG = {"zh-hant": "zh-Hant-HK", "zh-hans": "zh-Hans-CN", "en": "en"}


def font_family_for(language: str) -> str:
    """The CSS font-family list that shows ``language`` with the right glyph forms."""
    return FONT_FAMILIES.get(language, FONT_FAMILIES["zh-hant"])


def render_pdf(
    html: str, *, base_url: str | None = None, stylesheets: list[str] | None = None
) -> bytes:
    """Render an HTML document to PDF bytes."""
    from weasyprint import CSS, HTML

    sheets = [CSS(string=css) for css in stylesheets or []]
    return bytes(HTML(string=html, base_url=base_url).write_pdf(stylesheets=sheets))


def render_template_pdf(template_name: str, context: dict[str, object], *, language: str) -> bytes:
    """Render a Django template (which should ``{% include "pdf/base.css" %}``) to PDF."""
    context = {
        "pdf_font_family": font_family_for(language),
        "pdf_lang": HTML_LANG.get(language, "en"),
        **context,
    }
    return render_pdf(render_to_string(template_name, context))
