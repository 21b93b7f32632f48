"""`@frozen` behaves like a frozen dataclass."""

from __future__ import annotations

import dataclasses
import pickle
import re

import pytest

from pmi_ready.core import frozen


@frozen
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.x + self.y


def test_construct_positional_keyword_and_defaults() -> None:
    assert Point(1).y == 0 and Point(1, 2).total == 3 and Point(x=1, y=5).y == 5
    a, b = Point(1), Point(1)
    assert a.extra == {} and a.extra is not b.extra  # a new dict each time


def test_errors_like_a_dataclass() -> None:
    with pytest.raises(TypeError, match="missing the argument 'x'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected arguments: z"):
        Point(1, z=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="two values for 'x'"):
        Point(1, x=2)  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 4 arguments"):
        Point(1, 2, (), {}, 5)  # type: ignore[call-arg]


def test_frozen_equal_hashable() -> None:
    p = Point(1, 2, ("a",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.x  # type: ignore[misc]
    assert p == Point(1, 2, ("a",)) and p != Point(1, 3, ("a",)) and p != (1, 2, ("a",), {})
    assert repr(Point(1)) == "Point(x=1, y=0, tags=(), extra={})"


@frozen
class Pair:
    a: str
    b: int = 1


def test_hash_follows_the_fields() -> None:
    assert hash(Pair("x")) == hash(Pair("x", 1))
    assert len({Pair("x"), Pair("x"), Pair("y")}) == 2
    with pytest.raises(TypeError):  # like a frozen dataclass holding a dict
        hash(Point(1))


def test_dataclass_tools_and_pickle() -> None:
    p = Point(1, 2)
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "tags", "extra"]
    assert dataclasses.replace(p, y=9) == Point(1, 9)
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "tags": (), "extra": {}}
    assert pickle.loads(pickle.dumps(p)) == p


def test_a_class_without_a_docstring_gets_one_naming_its_fields() -> None:
    from pmi_ready.core import frozen

    @frozen
    class Pair:
        left: int
        right: str = ""

    @frozen
    class Named:
        """Kept as written."""

        x: int

    assert Pair.__doc__ == "Pair(left, right)"
    assert Named.__doc__ == "Kept as written."
    assert Pair(1) == Pair(1, "")


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"init": False, "default": 0}, "init=False"),
        ({"compare": False, "default": 0}, "compare=False"),
        ({"repr": False, "default": 0}, "repr=False"),
        ({"hash": False, "default": 0}, "hash=…"),
        ({"kw_only": True, "default": 0}, "kw_only=True"),
    ],
)
def test_frozen_refuses_field_options_it_does_not_honour(
    options: dict[str, object], said: str
) -> None:
    with pytest.raises(TypeError, match=f"field 'b': {re.escape(said)} is not supported"):

        @frozen
        class Bad:
            a: int
            b: int = dataclasses.field(**options)  # type: ignore[call-overload]


def test_frozen_refuses_post_init() -> None:
    with pytest.raises(TypeError, match="__post_init__ is not called"):

        @frozen
        class Bad:
            a: int

            def __post_init__(self) -> None:
                pass


def test_frozen_accepts_plain_defaults_and_factories() -> None:
    @frozen
    class Good:
        a: int
        b: tuple[int, ...] = ()
        c: list[int] = dataclasses.field(default_factory=list)

    assert Good(1) == Good(1, (), []) and Good(1).c == []
