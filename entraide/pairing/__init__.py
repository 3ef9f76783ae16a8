"""One-to-one peer programmes: pairing (jumelage, mentorat) and a listening line's rota.

The matching and rota cores live in `core/`, plain Python without Django, and
`python -m entraide.pairing` runs the matching core on a JSON file.
"""
