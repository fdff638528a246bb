from duijie_core.pipeline.resign_bench import (
    HistoryGenerator,
    detector,
    main,
    measure,
    previous_rule,
)


def test_generated_history_is_reproducible_and_holds_every_kind():
    first = HistoryGenerator(seed=3).generate(240)
    assert first == HistoryGenerator(seed=3).generate(240)
    kinds = {s.kind for s in first}
    assert kinds == {
        "original", "resigning", "other_project", "other_city", "phase_two", "co_investor",
        "competitor",
    }  # fmt: skip
    resignings = [s for s in first if s.kind == "resigning"]
    assert all(s.investment != s.key.id for s in resignings)
    assert any(s.key.project_line != s.key.project_id for s in first)  # carried-over copies


def test_identity_rule_beats_the_previous_rule_on_the_generated_history(capsys):
    samples = HistoryGenerator(seed=1).generate(600)
    ours, before = measure(samples, detector), measure(samples, previous_rule)
    assert ours.precision >= 0.95 and ours.recall >= 0.95
    assert ours.top_right == ours.true_flags
    assert before.recall < ours.recall
    assert before.precision < ours.precision
    assert main(["--seed", "1", "--deals", "120", "--editions", "4"]) == 0
    assert "precision" in capsys.readouterr().out
