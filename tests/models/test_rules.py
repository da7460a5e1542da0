"""The rule labeller: seed 001's figures, and one-line cases per rule and language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from recount.models.roles import AMOUNT_ROLES, DERIVED_ROLES, ROLES
from recount.models.rules import label_roles_by_rules
from recount.pipeline.extract import extract

SEED_001 = "001_246013305c138aa7.txt"
#: Seed 001's figures in text order with the role each one measures (issue 4, "Must show").
SEED_001_ROLES = [
    ("351", "received_total"), ("55 cases", "carried_over"), ("296", "new"), ("43 cases", "change_abs"),
    ("16.99%", "change_pct"), ("8 cases", "entrusted"), ("343", "to_enforce"), ("327", "enforceable"),
    ("16", "not_enforceable"), ("289", "completed"), ("14 cases", "change_abs"), ("5.09%", "change_pct"),
    ("88.38%", "completion_rate"), ("6,683,476,000 VND", "received_total"),
    ("1,785,268,000 VND", "carried_over"), ("4,898,208,000 VND", "new"),
    ("3,157,965,000 VND", "change_abs"), ("181.46%", "change_pct"),
]


def seed_roles(seed_dir: Path, labeller) -> dict[str, str]:
    path = seed_dir / SEED_001
    text = path.read_text(encoding="utf-8")
    return {f.text: f.role for f in labeller(extract(path), text) if f.kind != "directive"}


def test_roles_match_contracts():
    contracts = (Path(__file__).resolve().parents[2] / "docs" / "CONTRACTS.md").read_text(encoding="utf-8")
    listed = re.search(r"## Roles[^\n]*\n((?:[a-z_, ]+\n)+)", contracts).group(1)
    assert tuple(r.strip() for r in listed.replace("\n", " ").split(",")) == ROLES
    assert set(ROLES) == set(AMOUNT_ROLES) | set(DERIVED_ROLES) | {"other"}


@pytest.mark.parametrize("text,role", SEED_001_ROLES)
def test_rules_label_seed_001(seed_dir, text, role):
    assert seed_roles(seed_dir, label_roles_by_rules)[text] == role


@pytest.mark.parametrize("sentence,figure,role", [
    ("Tổng số thụ lý là 936.046 việc, trong đó số năm trước chuyển sang là 299.096 việc.", "299.096 việc",
     "carried_over"),
    ("Sau khi trừ 145 việc ủy thác, 6 việc thu hồi, số phải thi hành là 10.367 việc.", "6 việc", "withdrawn"),
    ("Đã thi hành xong 9.021 việc, đạt tỷ lệ 82,74%, vượt 0,24% so với chỉ tiêu 82,5%.", "0,24%", "target_gap"),
    ("Đã thi hành xong 9.021 việc, đạt tỷ lệ 82,74%, vượt 0,24% so với chỉ tiêu 82,5%.", "82,5%", "target"),
    ("Đã thi hành xong 9.021 việc, đạt tỷ lệ 82,74%, vượt 0,24% so với chỉ tiêu 82,5%.", "82,74%",
     "completion_rate"),
    ("Số việc thi hành xong tăng 418 việc, tức 7,08% so với năm 2022.", "7,08%", "change_pct"),
    ("Đạt 23,08%, tăng 4,6% so với cùng kỳ.", "4,6%", "change_pp"),
    ("Có điều kiện thi hành 31.905 việc, chiếm 82,68%.", "82,68%", "enforceable_share"),
    ("The offices completed 585,521 cases, for a completion rate of 83.24%.", "83.24%", "completion_rate"),
    ("The rate of 46.44% beat the 45.50% target by 0.94%.", "45.50%", "target"),
    ("The rate of 46.44% beat the 45.50% target by 0.94%.", "0.94%", "target_gap"),
    ("Le nombre d'affaires achevées progresse de 2 066, soit une hausse de 7,37 %.", "7,37 %", "change_pct"),
    ("Après déduction de 12 004 affaires confiées à d'autres organes, il restait 923 541 affaires.",
     "12 004 affaires", "entrusted"),
    ("Hà Nội phấn đấu đạt tỷ lệ trên 83,25% về việc và trên 46,45% về tiền.", "46,45%", "target"),
])
def test_rules_one_sentence(sentence, figure, role):
    labelled = {f.text: f.role for f in label_roles_by_rules(extract(sentence), sentence)}
    assert labelled[figure] == role
