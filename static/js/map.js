// Maps drawn with Leaflet. Pages work without this file: places are also listed as text.
(function () {
  "use strict";
  function tiles(el) {
    return L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution });
  }

  // A small map of a project's places: <div class="map" data-points="id-of-json-script">.
  document.querySelectorAll(".map[data-points]").forEach(function (el) {
    const source = document.getElementById(el.dataset.points);
    const points = source ? JSON.parse(source.textContent) : [];
    const map = L.map(el, { scrollWheelZoom: false });
    tiles(el).addTo(map);
    const markers = points.map(function (p) {
      const label = document.createElement("span");
      label.textContent = p.label; // text, never HTML
      return L.marker([p.lat, p.lng], { title: p.label, alt: p.label }).bindPopup(label);
    });
    // data-cluster: group nearby markers when the marker-clustering plugin is loaded.
    const clustered = el.dataset.cluster && typeof L.markerClusterGroup === "function";
    const group = clustered
      ? L.markerClusterGroup({ showCoverageOnHover: false })
      : L.featureGroup();
    markers.forEach(function (marker) { group.addLayer(marker); });
    // The view first: a cluster group needs one when it is added to the map.
    const bounds = L.latLngBounds(points.map(function (p) { return [p.lat, p.lng]; }));
    if (markers.length) map.fitBounds(bounds.pad(0.5), { maxZoom: 8 });
    else map.setView([20, 0], 1);
    group.addTo(map);
  });

  // A picker on the project form: a click fills the latitude and longitude of the
  // location row that last had focus (or the first one).
  document.querySelectorAll(".map[data-picker]").forEach(function (el) {
    const map = L.map(el).setView([20, 0], 2);
    tiles(el).addTo(map);
    let marker = null;
    let row = document.querySelector(".location-row");
    document.addEventListener("focusin", function (event) {
      const found = event.target.closest(".location-row");
      if (found) row = found;
    });
    map.on("click", function (event) {
      if (!row) return;
      const lat = row.querySelector("input[name$='-latitude']");
      const lng = row.querySelector("input[name$='-longitude']");
      lat.value = event.latlng.lat.toFixed(5);
      lng.value = event.latlng.lng.toFixed(5);
      if (marker) marker.setLatLng(event.latlng);
      else marker = L.marker(event.latlng).addTo(map);
    });
  });
})();
