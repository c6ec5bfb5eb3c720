"""The trainable tanh RNN of *Deep Learning* §10.2 in numpy: the model and BPTT
(:mod:`~rnntm.rnn.model`), optimizers (:mod:`~rnntm.rnn.optim`), data from Turing machines
(:mod:`~rnntm.rnn.data`) and training (:mod:`~rnntm.rnn.train`)."""
