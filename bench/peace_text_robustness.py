"""Text robustness of the Peace Media Center signals: which perturbed posts still match their original.

30 Indonesian and 30 Vietnamese synthetic posts (bench/peace_corpus.py), each perturbed: 10% and 25% of its
words replaced, hashtags added, a retweet prefix, the last 30% cut, diacritics removed. For each perturbation,
how many still match their original by exact SHA-256 of the normalised text, and by the character 5-gram
Jaccard at several thresholds (through TextIndex, plain and diacritic-folded), and how many match an unrelated
post (false matches). Run:

    .venv/bin/python bench/peace_text_robustness.py [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.peace_corpus import INDONESIAN, PERTURBATIONS, VIETNAMESE, perturb, vocabulary  # noqa: E402
from hotline.peace.index import TextIndex  # noqa: E402
from hotline.peace.signals import text_folded_sha256, text_jaccard, text_sha256  # noqa: E402

THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7]


def run(seed: int) -> str:
    lines = []
    corpora = {"Indonesian": INDONESIAN, "Vietnamese": VIETNAMESE}
    everything = INDONESIAN + VIETNAMESE
    vocab = vocabulary(everything)
    ids = {text: i for i, text in enumerate(everything)}
    lowest = min(THRESHOLDS)
    plain = TextIndex.build([(i, t) for t, i in ids.items()], threshold=lowest)
    folded = TextIndex.build([(i, t) for t, i in ids.items()], threshold=lowest, folded=True)
    header = "| language | perturbation | SHA-256 | folded SHA-256 | " + " | ".join(
        f"J ≥ {t} (folded) | false at {t}" for t in THRESHOLDS
    )
    lines.append(header + " |")
    lines.append("|" + "---|" * (4 + 2 * len(THRESHOLDS)))
    similarity = {}
    for language, posts in corpora.items():
        rng = random.Random(seed)
        for kind in PERTURBATIONS:
            sha = fsha = 0
            hits = {t: [0, 0] for t in THRESHOLDS}
            false = dict.fromkeys(THRESHOLDS, 0)
            sims = []
            for post in posts:
                own = ids[post]
                changed = perturb(post, kind, rng, vocab)
                sha += text_sha256(changed) == text_sha256(post)
                fsha += text_folded_sha256(changed) == text_folded_sha256(post)
                sims.append(text_jaccard(changed, post))
                found = dict(plain.query(changed))
                found_folded = dict(folded.query(changed))
                for t in THRESHOLDS:
                    hits[t][0] += found.get(own, 0) >= t
                    hits[t][1] += found_folded.get(own, 0) >= t
                    others = [s for i, s in (found | found_folded).items() if i != own]
                    false[t] += bool(others) and max(others) >= t
            similarity[(language, kind)] = sims
            cells = " | ".join(f"{hits[t][0]} ({hits[t][1]}) | {false[t]}" for t in THRESHOLDS)
            lines.append(f"| {language} | {kind} | {sha}/{len(posts)} | {fsha}/{len(posts)} | {cells} |")
    lines.append("")
    lines.append("| language | perturbation | Jaccard with the original: min / median |")
    lines.append("|---|---|---|")
    for (language, kind), sims in similarity.items():
        sims = sorted(sims)
        lines.append(f"| {language} | {kind} | {sims[0]:.2f} / {sims[len(sims) // 2]:.2f} |")
    unrelated = sorted(
        (text_jaccard(a, b), a[:40], b[:40]) for i, a in enumerate(everything) for b in everything[i + 1 :]
    )
    lines.append("")
    lines.append(
        f"Unrelated originals ({len(unrelated)} pairs): highest Jaccard {unrelated[-1][0]:.3f}, "
        f"99th percentile {unrelated[int(len(unrelated) * 0.99)][0]:.3f}; plain signal, not folded."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(run(args.seed))


if __name__ == "__main__":
    main()
