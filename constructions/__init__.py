"""The catalogue of machines: data files read by :mod:`rnntm.machines.catalogue` (see README.md here)."""
