"""Stage 5, the study kit: what to look at beside the verdicts. Graphs of machines, networks
and the §10.2 RNN (:mod:`~rnntm.study.graphs`), a machine described and a network's weights
written out exactly (:mod:`~rnntm.study.views`), and figures of runs
(:mod:`~rnntm.study.plots`)."""
