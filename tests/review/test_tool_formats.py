"""Label Studio and Prodigy exports checked against each tool's own format: the shipped labelling
config (models/schemas/labelstudio-config.xml) with ``label-studio-sdk``'s LabelInterface, and
Prodigy's task fields (answer, _view_id) with a round trip back into the store."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from pipeline.records import CONDUCT_IDS
from pipeline.resources import LABELSTUDIO_CONFIG
from pipeline.review import interop, service


def _populate(url, ids, users):
    a, b = users["alice"], users["bob"]
    service.submit_review(url, ids["sec_1"], a, [{"id": "csam_distribution", "coverage": "partial"}], "edit", 0)
    service.submit_review(url, ids["sec_1"], b, [], "reject", 1)
    service.submit_review(url, ids["sec_2"], a, [{"id": "csam_possession", "coverage": "full"}], "accept", 0)


def test_config_offers_every_conduct_in_both_choice_groups():
    root = ET.parse(LABELSTUDIO_CONFIG).getroot()
    groups = {c.get("name"): [x.get("value") for x in c.iter("Choice")] for c in root.iter("Choices")}
    assert groups == {"conducts": list(CONDUCT_IDS), "partial": list(CONDUCT_IDS)}
    assert {t.get("name"): t.get("value") for t in root.iter("Text")} == {"text": "$text"}


def test_labelstudio_export_validates_with_the_sdk(seeded, tmp_path):
    li_mod = pytest.importorskip("label_studio_sdk.label_interface",
                                 reason="label-studio-sdk is in the [dev] extra")
    from label_studio_sdk.types.annotation import Annotation

    li = li_mod.LabelInterface(LABELSTUDIO_CONFIG.read_text(encoding="utf-8"))
    li.validate()  # schema, unique names, to_name
    _populate(seeded["url"], seeded["ids"], seeded["users"])
    out = tmp_path / "ls.json"
    interop.write_export(seeded["url"], "labelstudio", out)
    tasks = json.loads(out.read_text())
    n_pred = n_ann = 0
    for t in tasks:
        assert all(t["data"].get(o.value_name) is not None for o in li.objects if o.value_is_variable)
        for p in t["predictions"]:
            assert li.validate_prediction(p, return_errors=True) == []
            n_pred += 1
        for a in t["annotations"]:
            assert li.validate_annotation(a), a
            Annotation.model_validate(a)  # the SDK's own model: completed_by is a user id (int)
            n_ann += 1
    assert n_pred >= 3 and n_ann == 3
    # the SDK does see a fault: a conduct the config does not offer
    bad = {"result": [{"from_name": "conducts", "to_name": "text", "type": "choices",
                       "value": {"choices": ["no_such_conduct"]}}]}
    assert li.validate_prediction(bad, return_errors=True)


def test_prodigy_lines_have_answer_and_view_id_and_round_trip(seeded_factory, tmp_path):
    src, dst = seeded_factory(), seeded_factory()
    _populate(src["url"], src["ids"], src["users"])
    out = tmp_path / "p.jsonl"
    interop.write_export(src["url"], "prodigy", out)
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) > 3
    for t in lines:
        assert t["answer"] in ("accept", "reject", "ignore") and t["_view_id"] == "choice"
        assert set(t["accept"]) <= {o["id"] for o in t["options"]}
        assert isinstance(t["_input_hash"], int) and isinstance(t["_task_hash"] if "_task_hash" in t else 0, int)
    # provisions with suggestions only are 'ignore' tasks, reviewed ones keep their decision
    assert sorted(t["answer"] for t in lines if t["meta"]["eid"] in ("sec_1", "sec_2")) == ["accept", "accept", "reject"]
    assert {t["answer"] for t in lines if t["meta"]["eid"] not in ("sec_1", "sec_2")} == {"ignore"}
    counts = interop.import_records(dst["url"], interop.read_records("prodigy", out), "prodigy")
    assert counts["reviews_added"] == 3
    strip = lambda recs: [{**r, "reviews": [{k: v for k, v in x.items() if k != "source"} for x in r["reviews"]]}
                          for r in recs]
    assert strip(interop.export_records(dst["url"], reviewed_only=True)) == \
        strip(interop.export_records(src["url"], reviewed_only=True))
