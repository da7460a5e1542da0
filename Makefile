# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-browser test-ocr model fuzz bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $(STAMP)

# recount check exits 1 when it finds an inconsistency, which is what the demo shows.
demo: $(STAMP)
	$(BIN)/recount run corpus/docs corpus/pdf --out out/demo
	$(BIN)/recount check corpus/docs/en_001_national_2023.txt --format table || test $$? -eq 1
	$(BIN)/recount series out/demo -o out/demo-series.csv --plot out/demo-series.png --conflicts out/demo-conflicts.csv
	$(BIN)/recount report out/demo -o out/demo-report.html

test: $(STAMP)
	$(BIN)/python -m pytest

# Debian's chromium, driven over the DevTools pipe by tests/browser (no chromedriver needed);
# a fresh image has empty package lists, hence the update.
test-browser: $(STAMP)
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)
	$(BIN)/python -m pytest -m browser

# Debian's tesseract with the Vietnamese, English and French data, the recount[ocr] extra
# (pytesseract), then the tests that OCR scanned pages.
test-ocr: $(STAMP)
	dpkg -s tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-fra >/dev/null 2>&1 || \
		(apt-get update && apt-get install -y tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-fra)
	$(BIN)/pip install -q -c constraints.txt -e ".[test,ocr]"
	$(BIN)/python -m pytest -m ocr

model: $(STAMP)
	$(BIN)/recount train --corpus corpus -o models/artifacts

fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py

bench: $(STAMP)
	$(BIN)/python benchmarks/extract_bench.py

clean:
	rm -rf $(VENV) out build *.egg-info
