"""The demo: invented organisations, groups and people for trying Entraide (`make run`).

Its facts live in the JSON files of ``data/``; ``manage.py load_demo`` loads them. It is the
top of the layers: it uses every app and nothing imports it.
"""
