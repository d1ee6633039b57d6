"""The spend matcher against a plain-Python reference on random cases.

The reference scores every pair itself (rapidfuzz's ratio is the Indel similarity:
200 * LCS / (len a + len b), on the words sorted, or on the set intersection and
differences), one name at a time, with no NumPy and no rapidfuzz."""

from __future__ import annotations

import random

import pytest

from cadre.learning.spend_matching import (
    MATCH_SCORE,
    MATCHED,
    REVIEW,
    REVIEW_SCORE,
    UNMATCHED,
    ProductLabel,
    match_products,
    match_suppliers,
    normalise_description,
    normalise_name,
)


def lcs(a: str, b: str) -> int:
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0]
        for j, cb in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if ca == cb else max(previous[j], current[-1]))
        previous = current
    return previous[-1]


def ratio(a: str, b: str) -> float:
    if not a and not b:
        return 100.0
    return 200.0 * lcs(a, b) / (len(a) + len(b))


def token_sort(a: str, b: str) -> float:
    return ratio(" ".join(sorted(a.split())), " ".join(sorted(b.split())))


def token_set(a: str, b: str) -> float:
    ta, tb = set(a.split()), set(b.split())
    if not ta or not tb:
        return 0.0
    common = " ".join(sorted(ta & tb))
    rest_a = " ".join(sorted(ta - tb))
    rest_b = " ".join(sorted(tb - ta))
    if common and (not rest_a or not rest_b):
        return 100.0
    joined_a = f"{common} {rest_a}".strip()
    joined_b = f"{common} {rest_b}".strip()
    scores = [ratio(joined_a, joined_b)]
    if common:
        scores += [ratio(common, joined_a), ratio(common, joined_b)]
    return max(scores)


def status(score: float, tied: bool) -> str:
    if score >= MATCH_SCORE and not tied:
        return MATCHED
    return REVIEW if score >= REVIEW_SCORE else UNMATCHED


def reference_suppliers(names, providers, decisions):  # noqa: ANN001, ANN201
    out = {}
    for key in dict.fromkeys(names):
        if key in decisions:
            out[key] = (decisions[key], MATCHED)
            continue
        exact = {pk for pk, labels in providers.items()
                 for label in labels if normalise_name(label) == key}
        if len(exact) == 1:
            out[key] = (exact.pop(), MATCHED)
            continue
        best, best_owner, tied = -1.0, None, False
        for pk, labels in providers.items():
            for label in labels:
                score = token_sort(key, normalise_name(label))
                if score > best + 1e-9:
                    best, best_owner, tied = score, pk, False
                elif abs(score - best) <= 1e-9 and pk != best_owner:
                    tied = True
        result = status(best, tied)
        out[key] = (None if result == UNMATCHED else best_owner, result)
    return out


def reference_products(pairs, products, decisions):  # noqa: ANN001, ANN201
    out = {}
    for provider, key in dict.fromkeys(pairs):
        if (provider, key) in decisions:
            out[(provider, key)] = (decisions[(provider, key)], MATCHED)
            continue
        labels = products.get(provider, [])
        found = ({p.pk for p in labels if normalise_description(p.title) == key}
                 or {p.pk for p in labels if p.code and p.code.lower() in key.split()})
        if len(found) == 1:
            out[(provider, key)] = (found.pop(), MATCHED)
            continue
        best, best_owner, tied = -1.0, None, False
        for p in labels:
            score = token_set(key, normalise_description(p.title))
            if score > best + 1e-9:
                best, best_owner, tied = score, p.pk, False
            elif abs(score - best) <= 1e-9 and p.pk != best_owner:
                tied = True
        result = status(best, tied) if labels else UNMATCHED
        out[(provider, key)] = (None if result == UNMATCHED else best_owner, result)
    return out


WORDS = ["acme", "learning", "data", "skills", "academy", "digital", "training", "agile",
         "cloud", "partners", "college", "institute", "python", "foundation", "advanced"]


def mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 3)):
        kind = rng.random()
        at = rng.randrange(len(chars) + 1)
        if kind < 0.4 and chars:
            chars.pop(min(at, len(chars) - 1))
        elif kind < 0.8:
            chars.insert(at, rng.choice("abcdefghijklmnopqrstuvwxyz "))
        else:
            chars = list(" ".join(reversed("".join(chars).split())))
    return "".join(chars)


@pytest.mark.parametrize("seed", range(25))
def test_suppliers_match_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    providers = {pk: [" ".join(rng.sample(WORDS, rng.randint(1, 3)))
                      + rng.choice(["", " ltd", " limited"])
                      for _ in range(rng.randint(1, 2))] for pk in range(1, rng.randint(2, 12))}
    names = []
    for _ in range(30):
        base = rng.choice(rng.choice(list(providers.values())))
        names.append(normalise_name(mutate(rng, base) if rng.random() < 0.8
                                    else " ".join(rng.sample(WORDS, 2))))
    names = [n for n in names if n]
    decisions = {names[0]: None} if rng.random() < 0.5 else {names[0]: 1}
    got = match_suppliers(names, providers, decisions)
    want = reference_suppliers(names, providers, decisions)
    assert {k: (m.target, m.status) for k, m in got.items()} == want


@pytest.mark.parametrize("seed", range(25))
def test_products_match_the_reference(seed: int) -> None:
    rng = random.Random(1000 + seed)
    products = {}
    pk = 0
    for provider in (1, 2, 3):
        labels = []
        for _ in range(rng.randint(0, 6)):
            pk += 1
            labels.append(ProductLabel(pk, " ".join(rng.sample(WORDS, rng.randint(1, 4))),
                                       rng.choice(["", f"c{pk}x"])))
        products[provider] = labels
    pairs = []
    for _ in range(30):
        provider = rng.choice((1, 2, 3))
        labels = products[provider]
        text = (mutate(rng, rng.choice(labels).title) + rng.choice(["", " course", " 2 places"])
                if labels and rng.random() < 0.8 else " ".join(rng.sample(WORDS, 3)))
        if labels and rng.random() < 0.1 and rng.choice(labels).code:
            text += " " + rng.choice(labels).code
        key = normalise_description(text)
        if key:
            pairs.append((provider, key))
    decisions = {pairs[0]: None}
    got = match_products(pairs, products, decisions)
    want = reference_products(pairs, products, decisions)
    assert {k: (m.target, m.status) for k, m in got.items()} == want


def test_normalised_names_drop_legal_forms() -> None:
    assert normalise_name("Acme Learning (UK) Ltd.") == "acme learning uk"
    assert normalise_name("ACME LEARNING LIMITED") == "acme learning"
    assert normalise_name("The Company Ltd") == "the company ltd"  # nothing else left


def test_ties_between_providers_wait_for_review() -> None:
    got = match_suppliers(["acme"], {1: ["Acme North"], 2: ["Acme South"]}, {})
    assert got["acme"].status != MATCHED
    twins = match_suppliers(["acme"], {1: ["Acme Ltd"], 2: ["Acme Limited"]}, {})
    assert twins["acme"].status == REVIEW and twins["acme"].score == 100.0
