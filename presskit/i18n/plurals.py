"""CLDR plural rules as gettext Plural-Forms, and the check that a catalog agrees with them.

Babel's table (``babel.messages.plurals``) is hand-written and disagrees with CLDR for
several languages (forms swapped, a ``many`` form missing); ``to_gettext`` follows CLDR
but writes the operand ``e``, which GNU msgfmt rejects, and counts forms that no
integer reaches. Here a CLDR rule is compiled for whole numbers (i = n;
v, w, f, t, c, e = 0) and its forms are the categories integers reach, in CLDR's order.
"""

from __future__ import annotations

import ast
import gettext
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from types import CodeType

from presskit.languages import parse_locale

ORDER = ("zero", "one", "two", "few", "many", "other")
Cond = bool | tuple  # True, False, ("cmp", text), ("and", parts) or ("or", parts)
LIMIT = 1_000_000  # every n from 0 to LIMIT is checked, plus the counts a pack prints
_ZERO_OPERANDS = frozenset("vwftce")  # fraction digits and exponent of a whole number


# CLDR rule -> gettext expression


def _compile(node: tuple) -> Cond:
    """A CLDR rule node as a condition on whole numbers."""
    kind, args = node
    if kind in ("and", "or"):
        return _join(kind, [_compile(part) for part in args])
    if kind == "not":
        return _negate(_compile(args[0]))
    if kind == "relation":
        _method, operand, (_, ranges) = args  # "in" and "within" agree on integers
        value, modulus = _operand(operand)
        bounds = [(low[1][0], high[1][0]) for low, high in ranges]
        return _join("or", [_in_range(value, modulus, a, b) for a, b in bounds])
    raise ValueError(f"unknown plural rule node {kind!r}")


def _operand(node: tuple) -> tuple[str | int, int | None]:
    """("n", None), ("n % m", m) or a constant."""
    kind, args = node
    if kind in ("n", "i"):
        return "n", None
    if kind in _ZERO_OPERANDS:
        return 0, None
    if kind == "mod":
        inner, _ = _operand(args[0])
        modulus = args[1][1][0]
        return (inner % modulus, None) if isinstance(inner, int) else (f"n % {modulus}", modulus)
    if kind == "value":
        return args[0], None
    raise ValueError(f"unknown plural operand {kind!r}")


def _in_range(value: str | int, modulus: int | None, low: int, high: int) -> Cond:
    if isinstance(value, int):
        return low <= value <= high
    top = math.inf if modulus is None else modulus - 1  # n % m never exceeds m - 1
    low, high = max(low, 0), min(high, top)
    if low > high:
        return False
    if low == high:
        return ("cmp", f"{value} == {low}")
    parts = ([("cmp", f"{value} >= {low}")] if low > 0 else []) + (
        [("cmp", f"{value} <= {high}")] if high < top else []
    )
    return _join("and", parts)


_OPPOSITE = {"==": "!=", "!=": "==", ">=": "<", "<": ">=", "<=": ">", ">": "<="}


def _negate(cond: Cond) -> Cond:
    if isinstance(cond, bool):
        return not cond
    if cond[0] == "cmp":
        left, op, right = cond[1].rsplit(" ", 2)
        return ("cmp", f"{left} {_OPPOSITE[op]} {right}")
    if cond[0] == "and":  # De Morgan keeps the expression flat and readable
        return _join("or", [_negate(part) for part in cond[1]])
    return _join("and", [_negate(part) for part in cond[1]])


def _join(kind: str, parts: list[Cond]) -> Cond:
    neutral = kind == "and"  # True for and, False for or
    flat: list[tuple] = []
    for part in parts:
        if isinstance(part, bool):
            if part != neutral:
                return part
        elif part[0] == kind:
            flat.extend(part[1])
        else:
            flat.append(part)
    if not flat:
        return neutral
    return flat[0] if len(flat) == 1 else (kind, tuple(flat))


def _render(cond: tuple, inside: str | None = None) -> str:
    kind = cond[0]
    if kind == "cmp":
        return cond[1]
    text = (" && " if kind == "and" else " || ").join(_render(p, kind) for p in cond[1])
    return f"({text})" if inside else text


@cache
def _conditions(language: str) -> tuple[tuple[str, Cond], ...]:
    """Each CLDR category of the language with its condition on whole numbers."""
    rule = parse_locale(language).plural_form
    found = {tag: _compile(node) for tag, node in rule.abstract}
    # "other" has no rule: it is what no other condition takes.
    return tuple((tag, found.get(tag, True)) for tag in ORDER if tag in found or tag == "other")


def _chain(conditions: Sequence[tuple[str, Cond]], forms: Sequence[str]) -> str:
    """A gettext ternary chain giving each category's index in ``forms``; the last form
    (or "other") is the fallback. CLDR's conditions are disjoint, so order is free."""
    fallback = "other" if "other" in forms else forms[-1]
    parts = []
    for tag, cond in conditions:
        if tag not in forms or tag == fallback or cond is False:
            continue
        if cond is True:
            return "".join(parts) + str(forms.index(tag))
        parts.append(f"{_render(cond)} ? {forms.index(tag)} : ")
    return "".join(parts) + str(forms.index(fallback))


@cache
def categories(language: str) -> tuple[str, ...]:
    """The CLDR categories whole numbers reach in the language, in CLDR's order."""
    conditions = [(t, c) for t, c in _conditions(language) if c is not False]
    every = [tag for tag, _ in conditions]
    source = _python(_chain(conditions, every))
    points = _points([source])
    assert points is not None  # compiled from CLDR: comparisons and n % m only
    reached = set(_evaluate(source, points))
    return tuple(tag for index, tag in enumerate(every) if index in reached)


@cache
def gettext_plural_forms(language: str) -> str:
    """The Plural-Forms header value for the language: CLDR on every whole number,
    using only ``n`` (valid for GNU msgfmt and Python's gettext)."""
    forms = categories(language)
    if len(forms) == 1:
        return "nplurals=1; plural=0;"
    return f"nplurals={len(forms)}; plural=({_chain(_conditions(language), forms)});"


def expected_form(language: str, n: int) -> int:
    """The index of CLDR's category for ``n`` among the language's forms."""
    return categories(language).index(parse_locale(language).plural_form(n))


# Checking a catalog's expression


class UncheckableExpression(ValueError):
    """An expression that uses n otherwise than gettext tools write it."""


@dataclass(frozen=True)
class Mismatch:
    n: int
    found: int | None  # the form the expression gives; None when it fails (message in error)
    expected: int
    category: str
    error: str = ""


def check_plural_expression(
    language: str, expression: str, counts: Iterable[int] = ()
) -> Mismatch | None:
    """The first whole number (0 to LIMIT, and every count given) for which the
    catalog's expression does not give CLDR's form; None when it always does.

    Raises UncheckableExpression for an expression using ``n`` otherwise than in
    comparisons with numbers and in ``n % number``: no tool writes one, and evaluating
    one (n * n * n…) a million times could take hours.
    """
    extra = tuple(sorted({n for n in counts if isinstance(n, int) and n > LIMIT}))
    return _verdict(language, " ".join(expression.split()), extra)


@lru_cache(maxsize=256)
def _verdict(language: str, expression: str, extra: tuple[int, ...]) -> Mismatch | None:
    forms = categories(language)
    wanted = gettext_plural_forms(language).split("plural=", 1)[1].rstrip(";")
    actual = _python(expression)
    if " ".join(wanted.split()) == expression:
        return None  # the canonical expression, equal to CLDR (see the test suite)
    expected = _python(wanted)
    representatives = _points([actual, expected])
    if representatives is None:
        raise UncheckableExpression(
            "uses n otherwise than in comparisons with numbers and in n % number"
        )
    n = None
    for points in (representatives, extra):
        try:
            n = _first_difference(actual, expected, points)
        except ArithmeticError:
            n = next(n for n in points if _fails(actual, n))
        if n is not None:
            break
    if n is None:
        return None
    form = _evaluate(expected, [n])[0]
    try:
        return Mismatch(n, _evaluate(actual, [n])[0], form, forms[form])
    except ArithmeticError as exc:
        return Mismatch(n, None, form, forms[form], str(exc))


def _fails(source: str, n: int) -> bool:
    try:
        _evaluate(source, [n])
    except ArithmeticError:
        return True
    return False


def _python(expression: str) -> str:
    """The expression as Python's gettext evaluates it (the source ``c2py`` compiles)."""
    gettext.c2py(expression)  # its limits and errors first: builds compile with it
    result, rest = gettext._parse(gettext._tokenize(expression))  # type: ignore[attr-defined]
    if rest:
        raise ValueError(f"unexpected token in plural form: {rest}")
    return result


def _evaluate(source: str, points: Iterable[int]) -> list[int]:
    return eval(_code(f"[int({source}) for n in points]"), {"points": points})


def _first_difference(actual: str, expected: str, points: Iterable[int]) -> int | None:
    # One generator expression, no function call per n.
    code = _code(f"next((n for n in points if ({actual}) != ({expected})), None)")
    return eval(code, {"points": points})


@lru_cache(maxsize=256)
def _code(source: str) -> CodeType:
    return compile(source, "<Plural-Forms>", "eval")


def _points(sources: Sequence[str]) -> Sequence[int] | None:
    """Whole numbers from 0 to LIMIT that stand for all of them, for these expressions.

    Where ``n`` appears only in comparisons with constants (``n == 2``) or in ``n % m``,
    the expressions repeat with the moduli's period above the largest constant, and
    between the values where a comparison can change (``n % 1000000 == 0`` changes at
    0, 1, 1000000) they depend on ``n`` only through the small moduli (``n % 100``): the
    first values of each stretch, one per residue, stand for it. None when ``n``
    appears otherwise (``n * 2``).
    """
    constants: set[int] = set()  # n compared with c
    atoms: set[tuple[int, int | None]] = set()  # n % m compared with c, or used as a number
    for source in sources:
        tree = ast.parse(source, mode="eval")
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Name):
                continue
            parent = parents.get(node)
            modulus = _modulus(parent, node)
            if modulus is not None:
                atoms.add((modulus, _compared_with(parents.get(parent), parent)))
                continue
            constant = _compared_with(parent, node)
            if constant is None:
                return None
            constants.add(constant)
    moduli = sorted({m for m, _ in atoms})
    above = max((c + 1 for c in constants), default=0)
    end = min(LIMIT, max(above, 0) + math.lcm(*moduli, 1) - 1)
    # Split the moduli: the small ones are enumerated, the large ones cut into stretches.
    splits = []
    for small in [0, *moduli]:
        if any(c is None and m > small for m, c in atoms):
            continue  # n % m used as a number: every residue matters
        period = math.lcm(1, *(m for m in moduli if m <= small))
        cuts = 2 * len(constants) + sum(3 * (end // m + 1) for m, _ in atoms if m > small)
        splits.append((cuts * period, small, period))
    _, small, period = min(splits)
    cuts = {0} | constants | {c + 1 for c in constants}
    for modulus, constant in atoms:
        if modulus > small and constant is not None:
            for start in range(0, end + 1, modulus):
                cuts.update((start, start + constant, start + constant + 1))
    starts = sorted(n for n in cuts if 0 <= n <= end)
    points: list[int] = []
    for start, stop in zip(starts, [*starts[1:], end + 1], strict=True):
        points.extend(range(start, min(stop, start + period)))
    return points


def _modulus(parent: ast.AST | None, node: ast.AST) -> int | None:
    if (
        isinstance(parent, ast.BinOp)
        and isinstance(parent.op, ast.Mod)
        and parent.left is node
        and isinstance(parent.right, ast.Constant)
        and isinstance(parent.right.value, int)
        and parent.right.value > 0
    ):
        return parent.right.value
    return None


def _compared_with(parent: ast.AST | None, node: ast.AST) -> int | None:
    """The constant ``node`` is compared with, if ``parent`` is such a comparison."""
    if not isinstance(parent, ast.Compare) or len(parent.ops) != 1:
        return None
    other = parent.comparators[0] if parent.left is node else parent.left
    if isinstance(other, ast.Constant) and isinstance(other.value, int):
        return other.value
    return None
