"""The text list that stands in for the map: every layer's located items, one after the
other, sliced without loading what is not shown (Paginator needs count() and slicing)."""

from functools import cached_property

from planet.maps.providers import ListEntry, MapLayer


class MapListing:
    def __init__(self, layers: list[MapLayer], user, goal):
        self.parts = [(layer, layer.listing(user, goal)) for layer in layers]

    @cached_property
    def counts(self) -> list[int]:
        return [items.count() for _layer, items in self.parts]

    def count(self) -> int:
        return sum(self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[ListEntry]:
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        entries: list[ListEntry] = []
        offset = 0
        for (layer, items), size in zip(self.parts, self.counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                entries += layer.entries(items[low:high])
            offset += size
        return entries
