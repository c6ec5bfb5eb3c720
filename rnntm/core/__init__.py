"""What every stage shares: exact numbers and σ (:mod:`~rnntm.core.exact`), the code of a
stack as a rational (:mod:`~rnntm.core.stackcode`), the network value and its JSON
(:mod:`~rnntm.core.network`), and reading a user's text and JSON
(:mod:`~rnntm.core.sources`, :mod:`~rnntm.core.jsonio`)."""
