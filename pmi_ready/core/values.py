"""`@frozen`: a frozen dataclass that costs almost nothing to define.

`dataclasses.dataclass(frozen=True)` writes six methods per class as source text and compiles each
with `exec`: about a millisecond per class, paid at every start of the program (tens of
milliseconds for pmi-ready's model). `@frozen` registers the fields with `dataclass` (so `fields`,
`replace` and `asdict` work as usual) but generates nothing; it attaches shared, pre-written
methods instead: `__init__` (positional or keyword, defaults and default factories), `__eq__`,
`__hash__`, `__repr__`, and a `__setattr__`/`__delattr__` that refuse changes like a frozen
dataclass. `typing.dataclass_transform` tells type checkers to treat it like a frozen dataclass.
"""

from __future__ import annotations

import dataclasses
import inspect  # imported by dataclasses anyway
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_MISSING = dataclasses.MISSING


def _field_specs(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    return tuple((f.name, f.default, f.default_factory) for f in dataclasses.fields(cls))


def _refuse_what_is_not_honoured(dc: type) -> None:
    """The shared methods take every field, compare and print them all, and call no hook: a class
    asking otherwise would silently get something else, so it is refused where it is defined."""
    name = dc.__qualname__
    if "__post_init__" in dir(dc):
        raise TypeError(f"@frozen class {name}: __post_init__ is not called; compute it outside")
    for f in dataclasses.fields(dc):
        asked = [
            option
            for option, honoured in (
                ("init=False", f.init),
                ("compare=False", f.compare),
                ("repr=False", f.repr),
                ("hash=…", f.hash is None),
                ("kw_only=True", f.kw_only is not True),
            )
            if not honoured
        ]
        if asked:
            raise TypeError(
                f"@frozen class {name}, field '{f.name}': {', '.join(asked)} is not supported "
                "(every field is taken by __init__, compared, hashed and shown)"
            )


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    names = cls.__value_names__
    n = len(args)
    if not kwargs and n == len(names):  # every field given in order: the common case
        self.__dict__.update(zip(names, args, strict=True))
        return
    specs = cls.__value_specs__
    if n > len(specs):
        raise TypeError(f"{cls.__name__}() takes {len(specs)} arguments but {n} were given")
    values = dict(zip(names, args, strict=False))
    for name in names[:n]:
        if name in kwargs:
            raise TypeError(f"{cls.__name__}() got two values for '{name}'")
    for name, default, factory in specs[n:]:
        if name in kwargs:
            values[name] = kwargs.pop(name)
        elif default is not _MISSING:
            values[name] = default
        elif factory is not _MISSING:
            values[name] = factory()
        else:
            raise TypeError(f"{cls.__name__}() is missing the argument '{name}'")
    if kwargs:  # every known name was taken out above
        unknown = ", ".join(sorted(kwargs))
        raise TypeError(f"{cls.__name__}() got unexpected arguments: {unknown}")
    self.__dict__.update(values)


def _astuple(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name, _, _ in type(self).__value_specs__)


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    return _astuple(self) == _astuple(other)


def _hash(self: Any) -> int:
    return hash(_astuple(self))


def _repr(self: Any) -> str:
    parts = ", ".join(f"{name}={getattr(self, name)!r}" for name, _, _ in self.__value_specs__)
    return f"{type(self).__qualname__}({parts})"


def _frozen_setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field '{name}'")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field '{name}'")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen dataclass without generating code (see the module docstring)."""
    if not cls.__doc__:
        # dataclass would write one with inspect.signature: ~0.3 ms a class, at every start
        cls.__doc__ = f"{cls.__name__}({', '.join(inspect.get_annotations(cls))})"
    dc = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    _refuse_what_is_not_honoured(dc)
    methods: dict[str, object] = {
        "__value_specs__": _field_specs(dc),
        "__value_names__": tuple(name for name, _, _ in _field_specs(dc)),
        "__init__": _init,
        "__eq__": _eq,
        "__hash__": _hash,
        "__setattr__": _frozen_setattr,
        "__delattr__": _frozen_delattr,
    }
    if "__repr__" not in cls.__dict__:
        methods["__repr__"] = _repr
    for name, method in methods.items():
        setattr(dc, name, method)
    params = dc.__dataclass_params__  # type: ignore[attr-defined]
    params.frozen = True  # so dataclasses.replace and other tools see a frozen class
    params.eq = True
    return dc
