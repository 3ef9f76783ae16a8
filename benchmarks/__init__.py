"""Load benchmarks: `make bench` runs benchmarks/run.py; see docs/benchmarks.md."""
