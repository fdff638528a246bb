"""The review queue's order (issue 15): a pair whose record already found its firm comes last."""

from duijie_core.identifiers import credit_code_check_char
from duijie_core.resolution import OrgRecord, OrgResolver


def _credit_code(body: str) -> str:
    return body + credit_code_check_char(body)


def test_a_short_name_already_joined_to_one_firm_ranks_below_an_open_typo():
    yueyang, changsha = _credit_code("91430600MA4L00001"), _credit_code("91430100MA4L00002")
    records = [
        OrgRecord("1", ("岳阳益诚医药有限责任公司",), credit_code=yueyang),
        OrgRecord("2", ("长沙益诚医药有限公司",), credit_code=changsha),  # another firm
        OrgRecord("3", ("益诚医药",)),  # the short name: joins one of them
        OrgRecord("4", ("长沙华联达科技有限公司",)),
        OrgRecord("5", ("长沙华联远科技有限公司",)),  # one character differs: staff look
    ]
    resolver = OrgResolver().fit(records)
    assert [c.keys for c in resolver.clusters_] == [("1", "3"), ("2",), ("4",), ("5",)]
    queue = [(m.a, m.b, m.score) for m in resolver.review_queue()]
    # by score alone 2–3 (0.95) came first, though 3 is already placed with 1 at 0.95
    assert queue == [("4", "5", 0.82), ("2", "3", 0.95)]
    assert resolver.review_queue(limit=1) == resolver.review_queue()[:1]
