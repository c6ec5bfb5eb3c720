"""The catalogue of machines: data files read by :mod:`rnntm.catalogue` (see README.md here)."""
