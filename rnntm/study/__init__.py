"""Stage 5, the study kit: what to look at beside the verdicts, graphs of machines,
networks and the §10.2 RNN (:mod:`~rnntm.study.graphs`)."""
