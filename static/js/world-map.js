// The world map at /map/. It fetches /map/geojson for the current view (debounced, on
// moveend), draws places with marker clustering and the server's own clusters as counted
// circles, and keeps the list beside the map to what is in view.
// Without this file the page still lists every place, page by page, with the same filters.
(function () {
  "use strict";
  const el = document.getElementById("world-map");
  if (!el || typeof L === "undefined") return;
  const config = JSON.parse(document.getElementById(el.dataset.config).textContent);
  const strings = config.strings;
  const list = document.getElementById(el.dataset.list);
  const form = document.getElementById(el.dataset.form);
  const status = list.querySelector("[role=status]");
  const heading = list.querySelector("h2");
  // The page's own list (every item matching the filters, page by page) stands in while the
  // view holds too many places to list them one by one.
  const pageHeading = heading.textContent;
  const pageList = Array.from(list.children).filter(function (node) {
    return node !== heading && node !== status;
  });
  const DEBOUNCE_MS = 250;

  const map = L.map(el, { worldCopyJump: true, minZoom: 1 });
  const saved = /^#map=(\d{1,2})\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(location.hash);
  const view = saved ? [Number(saved[2]), Number(saved[3]), Number(saved[1])] : [];
  if (view.length && view.every(Number.isFinite)) {
    map.setView([clamp(view[0], -85, 85), view[1]], view[2]);
  } else {
    map.setView(config.center, config.zoom);
  }
  L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
  const markers = L.markerClusterGroup({ showCoverageOnHover: false }).addTo(map);
  const clusters = L.layerGroup().addTo(map);

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? String(values[key]) : match;
    });
  }
  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
  }
  function wrap(longitude) {
    return ((((longitude + 180) % 360) + 360) % 360) - 180;
  }

  // The view as W,S,E,N within [-180, 180]; W > E when the view crosses the antimeridian.
  function bbox() {
    const bounds = map.getBounds();
    let west = bounds.getWest();
    let east = bounds.getEast();
    if (east - west >= 360) {
      west = -180;
      east = 180;
    } else {
      west = wrap(west);
      east = wrap(east);
      if (east === -180) east = 180;
    }
    const south = clamp(bounds.getSouth(), -90, 90);
    const north = clamp(bounds.getNorth(), -90, 90);
    return [west, south, east, north]
      .map(function (value) { return clamp(Number(value.toFixed(5)), -180, 180); })
      .join(",");
  }

  function filters() {
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value && name !== "page") params.set(name, value);
    });
    return params;
  }

  function popup(properties) {
    const box = document.createElement("div");
    box.className = "world-map-popup";
    const heading = document.createElement("strong");
    const link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = describe(properties);
    const summary = document.createElement("p");
    summary.textContent = properties.summary;
    box.append(heading, meta, summary);
    return box;
  }

  function describe(properties) {
    return [
      config.types[properties.type] || properties.type,
      properties.featured ? strings.featured : "",
      properties.sdgs.length ? strings.sdgs + " " + properties.sdgs.join(", ") : "",
    ].filter(Boolean).join(" · ");
  }

  function clusterMarker(latlng, count) {
    const size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    const label = format(strings.cluster, { count: count });
    const icon = L.divIcon({
      html: "<div><span>" + Number(count) + "</span></div>",
      className: "marker-cluster marker-cluster-" + size + " world-map-cluster",
      iconSize: L.point(40, 40),
    });
    const marker = L.marker(latlng, { icon: icon, title: label, alt: label, keyboard: true });
    marker.on("click", function () {
      map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
    });
    return marker;
  }

  function draw(collection) {
    markers.clearLayers();
    clusters.clearLayers();
    const centre = map.getCenter().lng;
    const items = [];
    collection.features.forEach(function (feature) {
      const longitude = feature.geometry.coordinates[0];
      const latitude = feature.geometry.coordinates[1];
      // Draw on the copy of the world that is in view.
      const latlng = [latitude, longitude + 360 * Math.round((centre - longitude) / 360)];
      const properties = feature.properties;
      if (properties.cluster) {
        clusters.addLayer(clusterMarker(latlng, properties.count));
      } else {
        const marker = L.marker(latlng, { title: properties.title, alt: properties.title });
        markers.addLayer(marker.bindPopup(popup(properties)));
        items.push(properties);
      }
    });
    renderList(collection, items);
  }

  function showInList(nodes) {
    Array.from(list.children).forEach(function (node) {
      if (node !== heading && node !== status) node.remove();
    });
    nodes.forEach(function (node) { list.append(node); });
  }

  function renderList(collection, items) {
    const notes = [format(strings.inView, { count: collection.total })];
    if (!collection.total) notes.push(strings.empty);
    else if (collection.clustered) notes.push(strings.clustered);
    else if (collection.truncated) notes.push(format(strings.truncated, { shown: items.length }));
    status.textContent = notes.join(" ");
    if (collection.clustered) {
      heading.textContent = pageHeading;
      showInList(pageList);
      return;
    }
    heading.textContent = strings.heading;
    const seen = new Set();
    const ul = document.createElement("ul");
    ul.className = "world-map-entries";
    items.forEach(function (properties) {
      if (seen.has(properties.url)) return; // an item with several places is listed once
      seen.add(properties.url);
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = properties.url;
      link.textContent = properties.title;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = describe(properties);
      const summary = document.createElement("span");
      summary.textContent = properties.summary;
      li.append(link, meta, summary);
      ul.append(li);
    });
    showInList(seen.size ? [ul] : []);
  }

  let controller = null;
  let timer = null;
  function load() {
    if (controller) controller.abort();
    controller = new AbortController();
    const params = filters();
    params.set("bbox", bbox());
    params.set("zoom", String(map.getZoom()));
    status.textContent = strings.loading;
    fetch(config.geojson + "?" + params.toString(), {
      signal: controller.signal,
      headers: { Accept: "application/geo+json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(draw)
      .catch(function (error) {
        if (error.name !== "AbortError") status.textContent = strings.failed;
      });
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(load, DEBOUNCE_MS);
  }

  // The view lives in the address, so that filtering (a plain GET of this page) and sharing
  // keep it.
  function remember() {
    const centre = map.getCenter();
    const view = "#map=" + map.getZoom() + "/" + centre.lat.toFixed(4) + "/" + centre.lng.toFixed(4);
    history.replaceState(null, "", location.pathname + location.search + view);
  }
  form.addEventListener("submit", function () {
    form.action = location.pathname + location.hash;
  });
  form.addEventListener("change", function () {
    form.requestSubmit();
  });
  map.on("moveend", function () {
    remember();
    schedule();
  });
  load();
})();
