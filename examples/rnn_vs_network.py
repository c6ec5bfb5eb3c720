"""A network that learns beside a network that computes: the §10.2 tanh RNN trained to
recognise palindromes on words of 1 to 8 letters, and the palindrome machine's compiled
network, judged on held-out words up to twice as long (the network up to four times).

What to look at: the trained RNN is right at its training lengths and falls towards chance
beyond them (half the words proposed are palindromes, the rest random); the compiled
network, whose weights were written rather than learned, is right on every word of every
length, because it runs the machine (its verdict is read off its output lines and compared
with the labels, not assumed).

Usage: ``python examples/rnn_vs_network.py [--out examples/output]`` (about ten seconds);
writes ``rnn_vs_network.png`` and prints both accuracies by length.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from figures import arguments, pyplot, save

from rnntm import compile, simulate_network
from rnntm.cli.commandline import entry_point, positive_whole_number
from rnntm.rnn.data import task, with_lengths
from rnntm.rnn.train import Settings, train

LENGTHS = (2, 4, 6, 8, 12, 16, 20, 24, 32)


def network_accuracy(compiled, t, rng: np.random.Generator, length: int, size: int) -> float:
    """The share of ``size`` words of ``length`` whose verdict, read off the compiled
    network's output lines, is the label."""
    _, labels, words = t.batch(rng, length, size)
    right = 0
    for word, label in zip(words, labels, strict=True):
        result = simulate_network(compiled, word, max_steps=100_000)
        state, _ = compiled.read_output(result.output_bits)
        right += int(state == "accept") == label
    return right / size


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--epochs", type=positive_whole_number, default=30)
    parser.add_argument("--words", type=positive_whole_number, default=24,
                        help="words per length for the compiled network (default 24)")
    args = parser.parse_args()
    plt = pyplot()
    t = with_lengths(task("palindrome", "c"), (1, 8))
    learned = train(t, Settings(pattern="c", hidden=32, epochs=args.epochs),
                    np.random.default_rng(0))
    compiled = compile(t.machine, "realtime")
    rng = np.random.default_rng(1)
    computed = {n: network_accuracy(compiled, t, rng, n, args.words) for n in LENGTHS}
    fig, ax = plt.subplots(figsize=(8, 5))
    lengths = sorted(learned.accuracy_by_length)
    ax.axvspan(t.train_lengths[0] - 0.5, t.train_lengths[1] + 0.5, color="tab:green",
               alpha=0.15, label="training lengths")
    ax.plot(lengths, [learned.accuracy_by_length[n] for n in lengths], "o-",
            label="trained tanh RNN (32 hidden units)")
    ax.plot(list(computed), list(computed.values()), "s-",
            label=f"compiled network ({compiled.network.size} neurons, exact)")
    ax.axhline(0.5, color="0.6", linewidth=0.8, linestyle=":", label="chance")
    ax.set(xlabel="word length", ylabel="held-out accuracy", ylim=(0, 1.05),
           title="palindromes: a network that learns, a network that computes")
    ax.legend(fontsize=8)
    print("trained RNN:      " + " ".join(f"{n}:{learned.accuracy_by_length[n]:.2f}"
                                          for n in lengths))
    print("compiled network: " + " ".join(f"{n}:{a:.2f}" for n, a in computed.items()))
    save(fig, args.out, "rnn_vs_network.png")


if __name__ == "__main__":
    sys.exit(entry_point(Path(__file__).name, main))
