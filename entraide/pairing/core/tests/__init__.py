"""Tests of the pairing cores, plain Python: no database, no Django."""
