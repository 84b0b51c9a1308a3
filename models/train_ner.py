"""Build the bundled Danish NER model models/ner-da from scratch and print its dev scores.

    python models/train_ner.py [--data DIR] [--out DIR]

Data: the DDT NER files in ../shared/data/danish_ner_ddt (CC BY-SA 4.0, see models/README.md).
Only the train-10k file is used for training: 3-fold cross-validation on it chooses the number
of epochs (early stopping on the mean held-out curve), then the model is retrained on all of it
for that many epochs and scored once on the dev file. Seeds are fixed, so a rebuild gives the
same model on the same machine. Gazetteers (models/ner_gazetteer.py) become token features
through an attribute_ruler; the ner's tok2vec embeds them. Takes a few minutes on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch
from thinc.api import Config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "models"))

from ner_gazetteer import common_words, phrase_lists, token_lexicons  # noqa: E402

from indexer.entities.ner import (  # noqa: E402
    Sentence,
    bio_spans,
    evaluate_dev,
    format_scores,
    predict_spans,
    read_conll,
    score_spans,
)

CONFIG = ROOT / "models" / "ner_config.cfg"
DATA = ROOT.parent / "shared" / "data" / "danish_ner_ddt"
TRAIN_FILE = "da_ddt-ud-ner-train-10k.conll"
DEV_FILE = "da_ddt-ud-ner-dev.conll"
OUT = ROOT / "models" / "ner-da"
FOLDS = 3


def gazetteer_patterns(nlp: Language) -> list[dict[str, Any]]:
    """attribute_ruler patterns: TAG = which single-word lists hold the word, LEMMA = GAZ_<type>,
    MORPH = Lex=Common for a dictionary word."""
    signature: dict[str, list[str]] = defaultdict(list)
    for name, words in sorted(token_lexicons().items()):
        for word in words:
            signature[word].append(name)
    groups: dict[str, list[str]] = defaultdict(list)
    for word, names in signature.items():
        groups["GAZ_" + "_".join(names)].append(word)
    patterns: list[dict[str, Any]] = [
        {"patterns": [[{"ORTH": {"IN": sorted(words)}}]], "attrs": {"TAG": tag}}
        for tag, words in sorted(groups.items())
    ]
    common = sorted(common_words())
    patterns.append({"patterns": [[{"LOWER": {"IN": common}}]], "attrs": {"MORPH": "Lex=Common"}})
    for label, phrases in sorted(phrase_lists().items()):
        for phrase in phrases:
            tokens = [t.text for t in nlp.make_doc(phrase)]
            for index in range(len(tokens)):
                patterns.append(
                    {
                        "patterns": [[{"ORTH": t} for t in tokens]],
                        "attrs": {"LEMMA": f"GAZ_{label}"},
                        "index": index,
                    }
                )
    return patterns


def build_pipeline(sentences: list[Sentence], config: Config) -> tuple[Language, Any]:
    """A Danish pipeline from models/ner_config.cfg, initialised on sentences, gazetteers loaded.

    Returns the pipeline and its optimizer. The patterns go in after initialize(), which
    clears the attribute_ruler.
    """
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    optimizer = nlp.initialize(lambda: make_examples(nlp, sentences))
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add_patterns(gazetteer_patterns(nlp))
    return nlp, optimizer


def make_examples(nlp: Language, sentences: list[Sentence]) -> list[Example]:
    """Examples: predicted Docs carry the gazetteer features, reference Docs the entities."""
    ruler = nlp.get_pipe("attribute_ruler")
    examples = []
    for sent in sentences:
        words = [tok for tok, _ in sent]
        tags = ["O"] * len(words)
        for start, end, label in bio_spans([tag for _, tag in sent]):
            tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
        spaces = [True] * len(words)
        reference = Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)
        examples.append(Example(ruler(Doc(nlp.vocab, words=words, spaces=spaces)), reference))
    return examples


def train_epoch(
    nlp: Language, examples: list[Example], optimizer: Any, rng: random.Random
) -> float:
    """One pass over shuffled examples; returns the NER loss."""
    dropout = float(nlp.config["training"]["dropout"])
    losses: dict[str, float] = {}
    rng.shuffle(examples)
    for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
        nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses, exclude=["attribute_ruler"])
    return losses.get("ner", 0.0)


def micro_f1(nlp: Language, sentences: list[Sentence]) -> float:
    """PER/LOC/ORG micro-F1 of nlp on CoNLL sentences."""
    gold = [set(bio_spans([tag for _, tag in s])) for s in sentences]
    pred = [set(predict_spans(nlp, [tok for tok, _ in s])) for s in sentences]
    return score_spans(gold, pred)["micro"]["f1"]


def epoch_curve(
    fit: list[Sentence], held: list[Sentence], config: Config, seed: int
) -> list[float]:
    """Held-out PER/LOC/ORG micro-F1 after each epoch of training on fit (averaged weights)."""
    fix_random_seed(seed)
    nlp, optimizer = build_pipeline(fit, config)
    examples = make_examples(nlp, fit)
    rng = random.Random(seed)
    curve = []
    for _ in range(int(config["training"]["max_epochs"])):
        train_epoch(nlp, examples, optimizer, rng)
        with nlp.use_params(optimizer.averages):
            curve.append(micro_f1(nlp, held))
    return curve


def choose_epochs(train: list[Sentence], config: Config, seed: int) -> int:
    """Early stopping by cross-validation on train only: the epoch with the best mean held-out F1.

    A single small held-out split is too noisy (a few dozen entities), so the curve is
    averaged over FOLDS folds of train; dev is never looked at here.
    """
    shuffled = train[:]
    random.Random(seed).shuffle(shuffled)
    curves = []
    for fold in range(FOLDS):
        held = shuffled[fold::FOLDS]
        fit = [s for i, s in enumerate(shuffled) if i % FOLDS != fold]
        curves.append(epoch_curve(fit, held, config, seed))
        print(f"  fold {fold}: " + " ".join(f"{f:.2f}" for f in curves[-1]))
    mean = [sum(values) / FOLDS for values in zip(*curves, strict=True)]
    best = max(range(len(mean)), key=lambda i: (mean[i], -i))
    print(f"  mean held-out micro-F1 by epoch: {' '.join(f'{f:.3f}' for f in mean)}")
    return best + 1


def train_final(train: list[Sentence], config: Config, epochs: int, seed: int) -> Language:
    """Train on all of train for a fixed number of epochs; keep the averaged weights."""
    fix_random_seed(seed)
    nlp, optimizer = build_pipeline(train, config)
    examples = make_examples(nlp, train)
    rng = random.Random(seed)
    for epoch in range(1, epochs + 1):
        loss = train_epoch(nlp, examples, optimizer, rng)
        print(f"  final epoch {epoch:2d}  loss {loss:8.2f}")
    with nlp.use_params(optimizer.averages):
        averaged = nlp.to_bytes()
    return nlp.from_bytes(averaged)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=DATA, help="folder with the DDT NER CoNLL files"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the pipeline")
    args = parser.parse_args(argv)
    # initialize() runs the attribute_ruler before its patterns are added: harmless W036.
    warnings.filterwarnings("ignore", message=r"\[W036\]")
    started = time.perf_counter()
    train = read_conll(args.data / TRAIN_FILE)
    config = spacy.util.load_config(CONFIG)
    seed = int(config["training"]["seed"])
    epochs = choose_epochs(train, config, seed)
    print(f"early stopping chose {epochs} epochs")
    nlp = train_final(train, config, epochs, seed)
    nlp.meta.update({"name": "referat_ner_da", "version": "1.0.0", "license": "CC BY-SA 4.0"})
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.to_disk(args.out)
    scores = evaluate_dev(spacy.load(args.out), args.data / DEV_FILE)
    print(f"dev scores ({DEV_FILE}, tokens given, MISC excluded):")
    print(format_scores(scores))
    print(f"trained in {time.perf_counter() - started:.0f} s; model in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
