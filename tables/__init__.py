"""Piccolo tables, one module per domain; migrations and reference data live beside them."""

import os

os.environ.setdefault("PICCOLO_CONF", "tables.piccolo_conf")
