"""The extractor as a spaCy component, found by name through the entry point."""
import subprocess
import sys
from importlib.metadata import entry_points

import spacy


def test_component_entry_point_names_the_factory():
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names["recount_figures"] == "recount.extractors.components:make_figure_component"


def test_component_writes_figures_into_doc_spans():
    nlp = spacy.blank("xx")  # spaCy's blank "vi" needs pyvi; the multi-language tokenizer does not
    nlp.add_pipe("recount_figures")
    doc = nlp("Năm 2023 thi hành xong 289 việc trên 327 việc có điều kiện, đạt 88,38%.")
    spans = doc.spans["recount"]
    assert [(s.text, s.label_) for s in spans] == [
        ("289 việc", "count"), ("327 việc", "count"), ("88,38%", "percent")]
    assert [f["value"] for f in spans.attrs["figures"]] == [289.0, 327.0, 88.38]


def test_component_is_found_by_name_without_importing_recount():
    # A fresh interpreter that never imports recount: spaCy must find the factory through
    # the spacy_factories entry point alone.
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('recount_figures'); "
            "doc = nlp('The offices completed 585,521 cases.'); "
            "print([s.text for s in doc.spans['recount']])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['585,521 cases']"
