"""Optional dependencies: imported only where used, or a located error saying how to
install them. The figures need matplotlib (the ``plots`` extra), export needs torch or onnx
(the ``torch`` and ``onnx`` extras), and two benchmarks compare with torch and automata-lib;
none of them is needed to install or use the rest of rnntm.

>>> require("json", "-").dumps([1])
'[1]'
>>> require("no_such_module", "pip install no-such-module")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
rnntm.cli.extras.MissingExtraError: this needs no_such_module, which is not installed: ...
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import RnntmError

__all__ = ["ONNX", "PLOTS", "TORCH", "MissingExtraError", "optional", "pyplot", "require"]

#: How to install the plotting extra.
PLOTS = "pip install 'rnntm[plots]' (in a clone: pip install -e '.[plots]')"
#: How to install the export extras.
TORCH = "pip install 'rnntm[torch]' (in a clone: pip install -e '.[torch]')"
ONNX = "pip install 'rnntm[onnx]' (in a clone: pip install -e '.[onnx]')"


class MissingExtraError(RnntmError, ImportError):
    """An optional dependency that is not installed."""


def require(module: str, install: str) -> ModuleType:
    """``module`` imported, or a MissingExtraError naming it and ``install``."""
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        raise MissingExtraError(f"this needs {top}, which is not installed: {install}") \
            from None


def optional(module: str) -> ModuleType | None:
    """``module`` imported, or None if it is not installed (for a script's top level, so
    that its ``--help`` works without it; :func:`require` it where it is used)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def pyplot() -> ModuleType:
    """matplotlib.pyplot drawing to files only (no screen needed), or a MissingExtraError
    saying how to install the plots extra."""
    require("matplotlib", PLOTS).use("Agg")
    return require("matplotlib.pyplot", PLOTS)
