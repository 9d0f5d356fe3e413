"""The GeoJSON FeatureCollection (RFC 7946) behind the world map, of bounded size.

At low zoom, or when the box holds more than MAX_FEATURES places, places are aggregated in
SQL into grid cells (features with properties {cluster: true, count}); a cell that holds a
single place is sent as that place. Otherwise the places themselves are sent, at most
MAX_FEATURES of them, with the foreign member "truncated" saying whether some were left out.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from planet.maps.geo import BBox, cell_size, grid_cells
from planet.maps.providers import MapItem, MapLayer, layers_for
from planet.sdgs.models import Goal

MAX_FEATURES = 500
CLUSTER_BELOW_ZOOM = 3
# From this zoom on a crowded box gives capped points rather than clusters: zooming into a
# cluster can no longer split it.
CROWDED_POINTS_FROM_ZOOM = 16
DECIMALS = 6


@dataclass(frozen=True)
class MapQuery:
    bbox: BBox
    zoom: int
    goal: Goal | None = None
    type: str = ""


def _point(longitude: float, latitude: float) -> dict:
    longitude = min(max(round(longitude, DECIMALS), -180.0), 180.0)
    latitude = min(max(round(latitude, DECIMALS), -90.0), 90.0)
    return {"type": "Point", "coordinates": [longitude, latitude]}  # RFC 7946: lng first


def item_feature(item: MapItem) -> dict:
    return {
        "type": "Feature",
        "id": f"{item.type}-{item.key}",
        "geometry": _point(item.longitude, item.latitude),
        "properties": {
            "type": item.type,
            "title": item.title,
            "url": item.url,
            "summary": item.summary,
            "sdgs": item.goals,
            "featured": item.featured,
        },
    }


def cluster_feature(cell: dict) -> dict:
    return {
        "type": "Feature",
        "id": f"cluster-{cell['x']}-{cell['y']}",
        "geometry": _point(
            cell["longitude_sum"] / cell["count"], cell["latitude_sum"] / cell["count"]
        ),
        "properties": {"cluster": True, "count": cell["count"]},
    }


def _markers(points: dict[MapLayer, QuerySet]) -> list[dict]:
    items: list[MapItem] = []
    for layer, rows in points.items():
        items += layer.items(rows, MAX_FEATURES - len(items))
    return [item_feature(item) for item in items]


def _clusters(points: dict[MapLayer, QuerySet], size: float) -> tuple[list[dict], bool]:
    """Grid cells of every layer merged, biggest first; lone places resolved to markers.

    Queries: one per layer for the cells, and two per layer that has lone places (the
    places and their goals), whatever the number of places."""
    cells: dict[tuple, dict] = {}
    truncated = False
    for layer, rows in points.items():
        layer_cells = list(grid_cells(rows, size)[: MAX_FEATURES + 1])
        truncated |= len(layer_cells) > MAX_FEATURES
        for row in layer_cells[:MAX_FEATURES]:
            x, y = int(row["cell_x"]), int(row["cell_y"])
            cell = cells.setdefault(
                (x, y), {"x": x, "y": y, "count": 0, "latitude_sum": 0.0, "longitude_sum": 0.0}
            )
            cell["count"] += row["count"]
            cell["latitude_sum"] += row["mean_latitude"] * row["count"]
            cell["longitude_sum"] += row["mean_longitude"] * row["count"]
            cell["lone"] = (layer, row["first"])
    kept = sorted(cells.values(), key=lambda cell: (-cell["count"], cell["x"], cell["y"]))
    truncated |= len(kept) > MAX_FEATURES
    kept = kept[:MAX_FEATURES]
    lone: dict[MapLayer, list[int]] = {}
    for cell in kept:
        if cell["count"] == 1:
            layer, pk = cell["lone"]
            lone.setdefault(layer, []).append(pk)
    markers = {}
    for layer, pks in lone.items():
        for item in layer.items(points[layer].filter(pk__in=pks), len(pks)):
            markers[(layer.type, item.key)] = item_feature(item)
    features = []
    for cell in kept:
        layer, pk = cell["lone"]
        single = markers.get((layer.type, pk)) if cell["count"] == 1 else None
        features.append(single or cluster_feature(cell))
    return features, truncated


def feature_collection(user, query: MapQuery) -> dict:
    """Every published place in the box that `user` may see, as points or clusters."""
    points = {
        layer: layer.points(user, query.goal).filter(query.bbox.q())
        for layer in layers_for(query.type)
    }
    total = sum(rows.count() for rows in points.values())
    crowded = total > MAX_FEATURES and query.zoom < CROWDED_POINTS_FROM_ZOOM
    clustered = total > 0 and (query.zoom < CLUSTER_BELOW_ZOOM or crowded)
    if clustered:
        features, truncated = _clusters(points, cell_size(query.zoom, query.bbox))
    else:
        features = _markers(points) if total else []
        truncated = len(features) < total
    return {
        "type": "FeatureCollection",
        "bbox": query.bbox.as_list(),
        "features": features,
        # Foreign members (RFC 7946, 6.1): how the collection was bounded.
        "total": total,
        "clustered": clustered,
        "truncated": truncated,
    }
