"""The catalogue of machines: data files read by :mod:`rnntm.machines.catalogue`.

See README.md here for the files' format and what each machine is known to do.
"""
