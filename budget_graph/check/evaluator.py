"""The one evaluator of the identities: a total against its signed parts, = or ≤, or a narrative's figure
restating a table's (≈).

Every identity a filing is held to — a roll-up, a row or column identity, the same money in two tables,
a narrative figure restating a table's — is an `Identity` record (derive/identity.py), stated by the
derive stage or, for the few identities still written in a check, by the check (BG-K006 and the BG-D
restatements by `check_equal`, the BG-N restatements as `restates`, BG-Y006's changes as `change`, the stated percentages of BG-Y001, BG-N011 and BG-D003 as `percentage`,
worded by their checks). `evaluate` is the one place it is
judged: by the rounding rule (derive/rounding.py: exact → nothing, explained by rounding → an info finding
that says so, otherwise the rule's own severity, figures.graded) and worded by its form. Each finding
lists every figure involved with its place.

Within `recording()`, each identity evaluated is kept with its verdict and finding, so that `export`
can write every checked identity into the graph (report/identities.py); `recording(every=False)` keeps
only those that fail (what `load` stores). Recording changes no finding: recording every identity only
turns off the shortcuts that settle an exact identity without building its figures
(derive/identity.every_identity).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from budget_graph.check.figures import graded, yuan_text
from budget_graph.check.rules import Finding, Rule, Severity
from budget_graph.derive.identity import Figure, Form, Identity, every_identity, same
from budget_graph.derive.rounding import (
    Agreement,
    Interval,
    compare,
    compare_ratio,
    compare_restated,
    compare_sum,
    is_restated_cut_off,
    restated,
)
from budget_graph.model import Amount


@dataclass(frozen=True)
class Evaluated:
    """An identity as evaluated: its verdict and, unless it holds, its finding."""

    identity: Identity
    agreement: Agreement
    finding: Finding | None


@dataclass
class _Recording:
    every: bool  # False: only the identities that fail
    kept: list[Evaluated]


_RECORD: ContextVar[_Recording | None] = ContextVar("identities", default=None)


@contextmanager
def recording(every: bool = True) -> Iterator[list[Evaluated]]:
    """Keep the identities evaluated inside the block, in order: every one, or only those that fail."""
    kept: list[Evaluated] = []
    token = _RECORD.set(_Recording(every, kept))
    try:
        with every_identity() if every else nullcontext():  # every one stated, none settled unseen
            yield kept
    finally:
        _RECORD.reset(token)


Wording = Callable[[Agreement], Finding]


def evaluate(identity: Identity, rule: Rule, worded: Wording | None = None) -> Finding | None:
    """The identity's finding under its rule: None when it holds; graded by the rounding rule when it does
    not. `worded`: the check's own wording of a failing verdict, for a stated percentage, whose finding
    says what the check alone knows (the change it implies, the base it fits, a share nudged to 100%)."""
    agreement = verdict(identity)
    if agreement is Agreement.EQUAL:
        finding = None
    else:
        finding = worded(agreement) if worded else _finding(identity, rule, agreement)
    current = _RECORD.get()
    if current is not None and (current.every or finding):
        current.kept.append(Evaluated(identity, agreement, finding))
    return finding


def verdict(identity: Identity) -> Agreement:
    """EQUAL when the identity holds as published; ROUNDING when the figures' intervals allow it;
    DIFFERENT otherwise."""
    total = identity.total.amount
    if identity.ratio is not None and identity.percent is not None:
        return compare_ratio(identity.ratio, total, identity.parts[0].amount, identity.percent)
    if identity.is_restatement:
        return compare_restated(total, identity.parts[0].amount)
    if identity.form is Form.SAME:
        return compare(total, identity.parts[0].amount)
    if identity.form in (Form.SUM, Form.CHANGE):
        return compare_sum(total, [p.amount for p in identity.parts], identity.signs)
    (part,) = identity.parts
    if part.amount.yuan <= total.yuan:
        return Agreement.EQUAL
    beyond = Interval.of(part.amount).lo > Interval.of(total).hi
    return Agreement.DIFFERENT if beyond else Agreement.ROUNDING


def findings(identities: Iterable[Identity], rules: Mapping[str, Rule]) -> Iterator[Finding]:
    """The findings of the identities, each under its rule. An identity that fails beyond rounding and
    carries the same sum without rows of figures that have neither code nor name (Identity.unless) takes
    that sum's finding, if any, when it does not fail so: the sum shows those rows are not lines."""
    for identity in identities:
        rule = rules[identity.rule]
        finding = evaluate(identity, rule)
        if finding and finding.severity is Severity.ERROR and identity.unless is not None:
            without = evaluate(identity.unless, rule)
            if without is None or without.severity is not Severity.ERROR:
                finding = without
        if finding:
            yield finding


def _finding(identity: Identity, rule: Rule, agreement: Agreement) -> Finding:
    if identity.form is Form.PERCENT:
        raise ValueError(f"{identity.rule}: a stated percentage is worded by its check (evaluate's `worded`)")
    total, parts, what, what_en = identity.total, identity.parts, identity.what, identity.what_en
    if identity.form is Form.SUM:
        signed = zip(identity.signs, parts, strict=True)
        value = sum((s * p.amount.yuan for s, p in signed), Decimal(0))
        expected, actual = yuan_text(value, total.amount), total.amount.text()
        message = f"{what}：合计 {actual}，各项之和 {expected}"
        message_en = f"{what_en}: total {actual}, parts sum to {expected}"
        figures = [total, *parts]
    elif identity.is_restatement:
        return _restated(identity, rule, agreement)
    elif identity.form is Form.SAME:
        (other,) = parts
        expected, actual = other.amount.text(), total.amount.text()
        message = f"{what}：{total.name} 为 {actual}，{other.name} 为 {expected}"
        message_en = f"{what_en}: {actual} against {expected}"
        figures = [total, other]
    elif identity.form is Form.CHANGE:
        return _change(identity, rule, agreement)
    else:
        (part,) = parts
        expected, actual = f"≤ {total.amount.text()}", part.amount.text()
        message = f"{what}：{part.name} 为 {actual}，超过 {total.name} {total.amount.text()}"
        message_en = f"{what_en}: {actual} exceeds {total.amount.text()}"
        figures = [part, total]
    locations = [*(f.location for f in figures), *identity.places]
    return graded(rule, agreement, message, message_en, locations, expected, actual)


def _restated(identity: Identity, rule: Rule, agreement: Agreement) -> Finding:
    """A narrative's figure that does not restate the table's: the table's figure as the narrative would
    print it is expected; the other figures it may have meant are named too. One judged as two
    publications of one figure (`Identity.restated`, the BG-D restatements) keeps the figures of that form:
    the table's figure as printed is expected, and no cut-off is looked for."""
    stated, (source,), others = identity.total, identity.parts, identity.others
    actual, shown = stated.amount.text(), source.amount.text()
    expected, cut_off = shown, False
    if identity.form is Form.RESTATED:
        expected = Amount(restated(source.amount, stated.amount), stated.amount.unit).text()
        cut_off = is_restated_cut_off(stated.amount, source.amount)
    also = "".join(f"；{f.name}为{f.amount.text()}" for f in others)
    also_en = "".join(f"; {f.name} is {f.amount.text()}" for f in others)
    message = f"说明中{identity.what}为{actual}，{source.name}为{shown}{also}"
    message_en = f"The narrative gives {identity.what_en} as {actual}; {source.name} is {shown}{also_en}"
    if agreement is Agreement.DIFFERENT:
        message, message_en = message + "，两者不一致", message_en + "; they disagree"
    locations = [stated.location, source.location, *(f.location for f in others), *identity.places]
    return graded(rule, agreement, message, message_en, locations, expected, actual, cut_off)


def _change(identity: Identity, rule: Rule, agreement: Agreement) -> Finding:
    """A change the narrative states that is not this year's figure minus last year's."""
    stated, (now, before) = identity.total, identity.parts
    expected, actual = signed_text(now.amount.yuan - before.amount.yuan, now.amount), stated.name
    message = (
        f"“{identity.what}”说明中{actual}，而表中{before.name}为{before.amount.text()}、"
        f"{now.name}为{now.amount.text()}，变动应为{expected}"
    )
    message_en = (
        f"{identity.what_en}: the narrative says {actual}, but the table gives {before.amount.text()} → "
        f"{now.amount.text()}, a change of {expected}"
    )
    locations = [stated.location, now.location, before.location]
    return graded(rule, agreement, message, message_en, locations, expected, actual)


def signed_text(value: Decimal, like: Amount) -> str:
    """A change in the unit and decimals of the figure it is of: 增加0.10万元, 减少0.10万元, 持平."""
    shown = (value / like.unit.factor).quantize(Decimal(1).scaleb(-like.decimals))
    if shown == 0:
        return "持平"
    word = "增加" if shown > 0 else "减少"
    return f"{word}{Amount(abs(shown), like.unit).text()}"


# -- the identities still stated by a check ------------------------------------------------------------


def check_equal(
    rule: Rule, a: Figure, b: Figure, what: str, what_en: str, restated: bool = False
) -> Finding | None:
    """Two publications of one figure must agree (`a` is the one reported as actual; `restated`: a
    narrative's figure restating the table's `b`)."""
    return evaluate(same(rule.id, a, b, what, what_en, restated), rule)
