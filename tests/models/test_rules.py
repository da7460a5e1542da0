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


#: Reporting habits the rules read, one case each in this project's own words: the direction of a
#: carried stock, the part of it after "dont / of which / trong đó", "soit X %" after an
#: enforceable count, recovered money in corruption reports, amounts still to recover, targets
#: set as amounts, what is still needed, thresholds, a second measure joined to the first.
HABITS = [
    ("Au 31 décembre, 12 500 affaires sont reportées sur l'exercice suivant, dont 7 300 exécutables.",
     '12 500', 'carried_next'),
    ("Au 31 décembre, 12 500 affaires sont reportées sur l'exercice suivant, dont 7 300 exécutables.",
     '7 300', 'carried_next'),
    ("Au total, 4 100 affaires reportées de l'année précédente et 6 900 nouvelles ont été reçues.",
     '4 100', 'carried_over'),
    ('Some 4,210 cases were carried over to the next year, 2,950 of them enforceable.',
     '2,950', 'carried_next'),
    ('Số việc chuyển sang kỳ sau là 9.870 việc, trong đó có điều kiện thi hành 6.120 việc.',
     '6.120', 'carried_next'),
    ("Sur 64 200 affaires à exécuter, 51 000 étaient exécutables, soit 79,44 %, et 13 200 ne l'étaient pas.",
     '79,44', 'enforceable_share'),
    ('Of the 5,400 cases to be enforced, 4,300 were enforceable, or 79.63%.',
     '79.63', 'enforceable_share'),
    ("Les bureaux ont achevé 8 100 affaires sur 9 600 exécutables, soit 1,87 point au-dessus de l'objectif de 82,5 %.",
     '1,87', 'target_gap'),
    ('Corruption cases: asset recovery speeds up\n\nIn Quang Nam, enforcement officers collected VND 310 billion in the Sunrise company case.',
     'VND 310', 'recovered'),
    ("Affaires de corruption : les recouvrements accélèrent\n\nÀ Cần Thơ, les organes ont recouvré 95 milliards de VND dans l'affaire de la société Delta.",
     '95', 'recovered'),
    ("Bilan de l'année\n\nÀ Cần Thơ, les organes ont recouvré 95 milliards de VND sur 200 milliards de VND exécutables.",
     '95', 'completed'),
    ('Le montant restant à recouvrer dépasse 40 000 milliards de VND.',
     '40 000', 'to_enforce'),
    ('Trong 3 vụ án, số tiền phải thu hồi khoảng 1.200 tỷ đồng.',
     '1.200', 'to_enforce'),
    ('In one fraud case a court ordered the return of VND 640 billion.',
     'VND 640', 'to_enforce'),
    ("La vente des actifs a permis de rembourser 120 milliards de VND au budget de l'État.",
     '120', 'recovered'),
    ('Năm 2026, ngành đặt mục tiêu thu hồi trên 40.000 tỷ đồng.',
     '40.000', 'target'),
    ('The department aims to recover over VND 5,000 billion next year.',
     'VND 5,000', 'target'),
    ('The province needs about 900 more completed cases to reach the target.',
     '900', 'other'),
    ('Để đạt chỉ tiêu, toàn ngành phải thi hành xong thêm khoảng 25 nghìn tỷ đồng.',
     '25', 'other'),
    ('Le bureau suit chaque semaine 14 dossiers de plus de 5 milliards de VND.',
     '5 milliards', 'other'),
    ('Tổng số thụ lý 7.350 việc, trong đó số cũ chuyển sang 3.100 việc, số mới thụ lý 4.250 việc.',
     '4.250', 'new'),
    ('Les sommes recouvrées dans les affaires de corruption ont atteint 9 000 milliards de VND, contre environ 6 500 milliards de VND un an plus tôt.',
     '6 500', 'recovered'),
    ('Assets recovered in corruption cases passed VND 12,000 billion, of which more than VND 4,000 billion came from two cases.',
     'VND 4,000', 'recovered'),
    ("Le taux a atteint 84,10 % en nombre d'affaires, dépassant de 1,60 % l'objectif de 82,5 %, et 47,20 % en valeur.",
     '47,20', 'completion_rate'),
    ('The Assembly set the targets at 84% of enforceable cases and 52% of enforceable money, up from 83.5% and 47% this year.',
     '52%', 'target'),
    ('The Assembly set the targets at 84% of enforceable cases and 52% of enforceable money, up from 83.5% and 47% this year.',
     '83.5%', 'target'),
    ('The Assembly set the targets at 84% of enforceable cases and 52% of enforceable money, up from 83.5% and 47% this year.',
     '47%', 'target'),
    ('Tỉnh đã thi hành xong 5.120 việc, đạt 85,10%, vượt chỉ tiêu 2,60%.',
     '2,60', 'target_gap'),
    ('Về tiền, tỉnh đã thu được 610 tỷ đồng, đạt 47,80%, vượt chỉ tiêu 46,45%.',
     '46,45', 'target'),
    ('Về tiền, đạt 50,20%, vượt 3,75% so với chỉ tiêu 46,45% và tăng 4,10% so với năm 2024.',
     '4,10', 'change_pp'),
    ('Les affaires de crédit représentent environ 38 % des montants exécutables.',
     '38', 'other'),
    ('Land disputes account for about 25% of the cases that are not yet enforceable.',
     '25%', 'other'),
    ('Da Nang agencies complete over 7,000 cases in 2025',
     '7,000', 'completed'),
    ('The department paid out VND 90 billion to workers.',
     'VND 90', 'completed'),
]


@pytest.mark.parametrize("text,figure,role", HABITS)
def test_rules_reporting_habits(text, figure, role):
    labelled = [f for f in label_roles_by_rules(extract(text), text) if f.kind != "directive"]
    found = [f for f in labelled if f.text.startswith(figure)]
    assert found, f"{figure!r} not extracted from {text!r}"
    assert found[0].role == role, [(f.text, f.role) for f in labelled]
