"""HTTP headers as a mapping whose keys match in any case (``headers["Location"]`` finds
``location``), for answers and for the exceptions that carry them."""
from __future__ import annotations

from typing import Dict, Iterable, Iterator, Mapping, Tuple, Union


class Headers(Mapping[str, str]):
    """Response headers: a mapping whose keys match in any case."""

    __slots__ = ("_items",)

    def __init__(self, items: Union[None, Mapping[str, str], Iterable[Tuple[str, str]]] = None) -> None:
        self._items: Dict[str, Tuple[str, str]] = {}
        pairs: Iterable[Tuple[str, str]] = ()
        if isinstance(items, Mapping):
            pairs = [(str(k), str(v)) for k, v in items.items()]
        elif items is not None:
            pairs = items
        for key, value in pairs:
            low = key.lower()
            if low in self._items:  # repeated header: values joined, as HTTP allows
                value = f"{self._items[low][1]}, {value}"
            self._items[low] = (key, value)

    def __getitem__(self, key: str) -> str:
        return self._items[key.lower()][1]

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._items

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"
