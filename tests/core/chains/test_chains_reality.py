"""The reality check on the real listed-company data: Hunan is strong in engineering machinery."""

from __future__ import annotations

import json
from pathlib import Path

from duijie_core.chains.cli import main


def test_hunan_has_engineering_machinery_among_its_strong_chains(
    real_chain_kg: Path, tmp_path: Path
) -> None:
    out = tmp_path / "hunan.json"
    assert (
        main(["analyse", "--chain-kg", str(real_chain_kg), "--region", "湖南省", "--out", str(out)])
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    chains = {chain["id"]: chain for chain in data["chains"]}
    machinery = chains["engineering-machinery"]
    assert machinery["label"] == "strong"
    machines = next(link for link in machinery["links"] if link["id"] == "em-machines")
    assert machines["label"] == "strong"
    leaders = {leader["name"] for leader in machines["leaders"]}
    assert {"中联重科", "三一重工", "山河智能", "铁建重工"} <= leaders | {
        leader["name"] for link in machinery["links"] for leader in link["leaders"]
    }
    assert data["no_region_firms"] > 0  # counted apart, never as zero
    assert any(
        c["code"] == "duplicate_code" and c["params"]["code"] == "688078" for c in data["conflicts"]
    )
