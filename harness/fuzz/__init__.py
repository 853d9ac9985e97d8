"""The data fuzzer: mutations of a copy of data/ (mutations.py), the problem codes each must
produce or that it must build (expectations.py), and the runner that applies them and judges the
build's answer (runner.py). `python -m scripts.fuzz_data` is its command line."""
