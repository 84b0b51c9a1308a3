import pytest

from indexer.search.fusion import boost, group_by_item, rrf


def test_rrf_rewards_agreement():
    fused = rrf([[1, 2, 3], [2, 1, 4]], k=10)
    assert fused[1] == pytest.approx(fused[2])
    assert fused[2] > fused[3] and fused[2] > fused[4]


def test_boost_multiplies_only_chosen():
    assert boost({1: 1.0, 2: 1.0}, [2], 2.0) == {1: 1.0, 2: 2.0}


def test_group_by_item_keeps_best_section_and_rewards_breadth():
    grouped = group_by_item({1: 0.5, 2: 0.4, 3: 0.5}, {1: "a", 2: "a", 3: "b"})
    assert [(item, section) for item, _, section in grouped] == [("a", 1), ("b", 3)]
    assert grouped[0][1] > grouped[1][1]
