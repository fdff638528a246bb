"""String similarities for short names (pure Python; names are a few characters long).

The organisation scorer uses the edit-distance similarity ``1 - d / max(len)``: Jaro-Winkler's
prefix bonus over-rewards Chinese names that share a trade name but differ in industry
(華聯瓷業 / 華聯電業: Jaro-Winkler 0.87, edit similarity 0.75). Jaro-Winkler and bigram
Jaccard are kept here as reported features.
"""

from __future__ import annotations


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions, transpositions."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def edit_similarity(a: str, b: str) -> float:
    """``1 - edit_distance / longer length`` (1.0 for two empty strings)."""
    longest = max(len(a), len(b))
    return 1.0 if longest == 0 else 1.0 - edit_distance(a, b) / longest


def jaro_winkler(a: str, b: str, prefix_scale: float = 0.1) -> float:
    """The Jaro-Winkler similarity (prefix of up to 4 characters)."""
    if a == b:
        return 1.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    used = [False] * len(b)
    matched_a: list[str] = []
    for i, char in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not used[j] and b[j] == char:
                used[j] = True
                matched_a.append(char)
                break
    if not matched_a:
        return 0.0
    matched_b = [b[j] for j in range(len(b)) if used[j]]
    m = len(matched_a)
    transpositions = sum(x != y for x, y in zip(matched_a, matched_b, strict=True)) / 2
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)


def bigram_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the character-bigram sets (single characters for 1-char strings)."""
    grams_a = {a[i : i + 2] for i in range(max(len(a) - 1, 1))}
    grams_b = {b[i : i + 2] for i in range(max(len(b) - 1, 1))}
    union = grams_a | grams_b
    return len(grams_a & grams_b) / len(union) if union != {""} else 1.0


def is_abbreviation(short: str, full: str) -> bool:
    """Whether ``short`` (2+ chars) abbreviates ``full``: same first char, a subsequence."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0]:
        return False
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if position == 0:
            return False
    return True


def deletion_keys(text: str, min_length: int = 4) -> tuple[str, ...]:
    """``text`` and, when long enough, every string with one character deleted.

    Two strings at edit distance one share a key (the blocking trick of SymSpell).
    """
    if len(text) < min_length:
        return (text,)
    return (text, *sorted({text[:i] + text[i + 1 :] for i in range(len(text))}))
