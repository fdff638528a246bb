"""Django format modules (``FORMAT_MODULE_PATH``): one set of input formats for every language.

Browsers send and accept ``<input type=date>`` values only as ISO ``yyyy-mm-dd``; Django
writes a date input's value with the first of ``DATE_INPUT_FORMATS``, so that first entry
is ISO in every language. Typed dates in the usual local spellings are still read.
Dates people read are written by ``duijie_core.locale`` (the ``localised`` template filters).
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%d/%m/%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
