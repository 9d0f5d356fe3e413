"""Bounding boxes and grid clustering, in SQL, over any queryset of points.

A queryset of points is any queryset whose rows have `latitude` and `longitude` columns
(projects' places now; events' and resources' places later).
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Min, Q, QuerySet, Value
from django.db.models.functions import Floor

WORLD = (-180.0, -90.0, 180.0, 90.0)

# A cell of about 80 screen pixels: Leaflet draws 256 px for 360° at zoom 0.
CELL_DEGREES_AT_ZOOM_0 = 80 * 360 / 256
# Whatever the zoom asked for, a box is cut into at most this many cells a side, so that a
# whole-world box at zoom 18 cannot ask for millions of cells.
MAX_CELLS_A_SIDE = 20


@dataclass(frozen=True)
class BBox:
    """west, south, east, north in degrees; west > east when the box crosses 180°."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def world(cls) -> "BBox":
        return cls(*WORLD)

    @property
    def crosses_antimeridian(self) -> bool:
        return self.west > self.east

    @property
    def width(self) -> float:
        return self.east - self.west + (360 if self.crosses_antimeridian else 0)

    @property
    def height(self) -> float:
        return self.north - self.south

    def as_list(self) -> list[float]:
        """The RFC 7946 bbox member: [west, south, east, north]."""
        return [self.west, self.south, self.east, self.north]

    def longitude_ranges(self) -> list[tuple[float, float]]:
        """One range, or two when the box crosses the antimeridian."""
        if self.crosses_antimeridian:
            return [(self.west, 180.0), (-180.0, self.east)]
        return [(self.west, self.east)]

    def contains(self, longitude: float, latitude: float) -> bool:
        in_latitude = self.south <= latitude <= self.north
        return in_latitude and any(w <= longitude <= e for w, e in self.longitude_ranges())

    def q(self, prefix: str = "") -> Q:
        """The SQL condition: a latitude range and one or two longitude ranges."""
        longitudes = Q()
        for west, east in self.longitude_ranges():
            longitudes |= Q(**{f"{prefix}longitude__gte": west, f"{prefix}longitude__lte": east})
        return Q(**{f"{prefix}latitude__gte": self.south, f"{prefix}latitude__lte": self.north}) & (
            longitudes
        )


def cell_size(zoom: int, bbox: BBox) -> float:
    """Degrees a side of a clustering cell: about 80 px at `zoom`, never finer than the box
    cut into MAX_CELLS_A_SIDE a side."""
    by_zoom = CELL_DEGREES_AT_ZOOM_0 / 2**zoom
    by_box = max(bbox.width, bbox.height) / MAX_CELLS_A_SIDE
    return max(by_zoom, by_box, 1e-6)


def grid_cells(points: QuerySet, size: float) -> QuerySet:
    """One row per occupied cell: cell_x, cell_y, count, latitude and longitude (the mean of
    the cell's points), and `first` (a point's pk, for cells that hold one point).

    GROUP BY over FLOOR(coordinate / size), computed by the database."""
    step = Value(float(size))
    return (
        points.order_by()
        .annotate(cell_x=Floor(F("longitude") / step), cell_y=Floor(F("latitude") / step))
        .values("cell_x", "cell_y")
        .annotate(
            count=Count("pk"),
            mean_latitude=Avg("latitude"),
            mean_longitude=Avg("longitude"),
            first=Min("pk"),
        )
        .order_by("-count", "cell_x", "cell_y")
    )
