/* Draws the layers of a geo incident map on a Leaflet map.
 *
 * Every string that comes from data is put into the page with textContent or
 * as an attribute value, never as HTML, so a hostile note cannot run script.
 * Links are kept only when they are http(s) URLs.
 */
(function () {
  "use strict";

  var ARABIC = /[\u0600-\u06FF]/;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") {
      node.textContent = String(text);
      node.setAttribute("dir", ARABIC.test(String(text)) ? "rtl" : "auto");
      if (ARABIC.test(String(text))) node.setAttribute("lang", "ar");
    }
    return node;
  }

  function arabic(text, className) {
    var node = el("span", className, text);
    node.setAttribute("dir", "rtl");
    node.setAttribute("lang", "ar");
    return node;
  }

  function safeUrl(value) {
    if (!value) return null;
    try {
      var url = new URL(String(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (err) {
      return null;
    }
  }

  function dateText(p) {
    var start = p.event_date || "";
    var end = p.date_end || "";
    if (p.time_precision === 1) return start;
    if (p.time_precision === 2) return end && end !== start ? start + " – " + end : start + " (within a week)";
    if (end && end !== start) return "sometime between " + start + " and " + end;
    return start.slice(0, 7) + " (month only)";
  }

  var PRECISION_TEXT = {
    1: "the place itself",
    2: "near the place (uncertain by about 10 km)",
    3: "somewhere in the area shown"
  };

  function row(table, label, value) {
    if (value === undefined || value === null || value === "") return;
    var tr = document.createElement("tr");
    tr.appendChild(el("th", null, label));
    var td = document.createElement("td");
    if (value instanceof Node) td.appendChild(value); else td.appendChild(el("span", null, value));
    tr.appendChild(td);
    table.appendChild(tr);
  }

  function casualties(p) {
    var parts = [];
    parts.push((p.fatalities === null || p.fatalities === undefined ? "not reported" : p.fatalities) + " killed");
    if (p.injuries !== null && p.injuries !== undefined) parts.push(p.injuries + " injured");
    return parts.join(", ");
  }

  function placeNode(p) {
    var box = document.createElement("span");
    box.appendChild(el("span", "gm-place-en", p.place_en || p.location));
    if (p.place_ar) {
      box.appendChild(document.createTextNode(" · "));
      box.appendChild(arabic(p.place_ar, "gm-place-ar"));
    }
    if (p.location && p.location !== p.place_en && p.location !== p.place_ar) {
      box.appendChild(document.createElement("br"));
      var reported = el("span", "gm-muted", "as reported: ");
      box.appendChild(reported);
      box.appendChild(el("span", null, p.location));
    }
    return box;
  }

  function sourceNode(p) {
    var box = document.createElement("span");
    box.appendChild(el("span", null, p.source || "unknown source"));
    if (p.source_date) box.appendChild(el("span", "gm-muted", " (" + p.source_date + ")"));
    var url = safeUrl(p.source_url);
    if (url) {
      box.appendChild(document.createTextNode(" "));
      var link = el("a", null, "link");
      link.setAttribute("href", url);
      link.setAttribute("target", "_blank");
      link.setAttribute("rel", "noopener noreferrer");
      box.appendChild(link);
    }
    return box;
  }

  function popupContent(p) {
    var box = el("div", "gm-popup");
    var head = el("div", "gm-popup-head");
    head.appendChild(el("div", "gm-type", p.sub_event_type + " · " + p.event_type));
    head.appendChild(arabic(p.sub_event_type_ar + " · " + p.event_type_ar, "gm-type-ar"));
    head.style.borderColor = p.colour;
    box.appendChild(head);
    var table = el("table", "gm-facts");
    row(table, "Date", dateText(p));
    row(table, "Actors", [p.actor1, p.actor2].filter(Boolean).join(" vs "));
    row(table, "Casualties", casualties(p));
    row(table, "Place", placeNode(p));
    row(table, "Precision", PRECISION_TEXT[p.geo_precision]);
    row(table, "Source", sourceNode(p));
    row(table, "Id", p.event_id);
    box.appendChild(table);
    if (p.notes) box.appendChild(el("p", "gm-notes", p.notes));
    return box;
  }

  function zoneTooltip(p) {
    var box = el("div", "gm-zone-tip");
    box.appendChild(el("strong", null, p.label_en));
    box.appendChild(document.createElement("br"));
    box.appendChild(arabic(p.label_ar));
    box.appendChild(el("div", "gm-muted", p.kind + ", " + p.valid_from + " to " + (p.valid_to || "now") + " (approximate)"));
    return box;
  }

  function control(position, build) {
    var Ctl = L.Control.extend({
      options: { position: position },
      onAdd: function () {
        var node = build();
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      }
    });
    return new Ctl();
  }

  function swatch(colour, shape) {
    var node = el("span", "gm-swatch gm-" + shape);
    node.style.background = shape === "line" ? "transparent" : colour;
    node.style.borderColor = colour;
    return node;
  }

  function legendRow(list, swatchNode, en, ar) {
    var item = el("div", "gm-legend-row");
    item.appendChild(swatchNode);
    item.appendChild(el("span", null, en));
    if (ar) item.appendChild(arabic(ar, "gm-legend-ar"));
    list.appendChild(item);
  }

  function zoneLegend(box, data, snapshot) {
    box.textContent = "";
    var factions = data.legend.factions.filter(function (f) { return f.snapshot === snapshot; });
    if (!factions.length) return;
    box.appendChild(el("div", "gm-legend-note", "Approximate; derived from control points."));
    factions.forEach(function (f) {
      var shape = f.kind === "activity" ? "line" : (f.kind === "influence" ? "hatch" : "fill");
      legendRow(box, swatch(f.colour, shape), f.label_en + (f.kind === "control" ? "" : " (" + f.kind + ")"), f.label_ar);
    });
  }

  function legend(data) {
    var box = el("details", "gm-legend leaflet-bar");
    box.setAttribute("open", "");
    box.appendChild(el("summary", "gm-legend-summary", "Legend · مفتاح الخريطة"));
    box.appendChild(el("div", "gm-legend-title", "Incidents by type"));
    data.legend.eventTypes.forEach(function (t) {
      legendRow(box, swatch(t.colour, "dot"), t.name, t.label_ar);
    });
    box.appendChild(el("div", "gm-legend-title", "Size: people killed"));
    var sizes = el("div", "gm-sizes");
    data.legend.sizes.forEach(function (s) {
      var item = el("span", "gm-size");
      var dot = el("span", "gm-size-dot");
      dot.style.width = dot.style.height = 2 * s.radius + "px";
      item.appendChild(dot);
      item.appendChild(el("span", null, s.label));
      sizes.appendChild(item);
    });
    box.appendChild(sizes);
    box.appendChild(el("div", "gm-legend-title", "Location precision"));
    legendRow(box, swatch("#444", "dot"), "exact place");
    legendRow(box, swatch("#444", "ring"), "near the place (ring ≈ 10 km)");
    legendRow(box, swatch("#444", "area"), "only the area is known");
    return box;
  }

  function snapshotLabel(snapshot) {
    var parts = snapshot.split("/");
    return parts[1] ? parts[0] + " to " + parts[1] : "from " + parts[0];
  }

  function snapshotControl(data, zoneBox, onChange) {
    var box = el("div", "gm-snapshots leaflet-bar");
    box.appendChild(el("div", "gm-legend-title", "Zones of control"));
    var choices = data.snapshots.concat([""]);
    choices.forEach(function (snapshot) {
      var label = el("label", "gm-snapshot");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "gm-snapshot";
      input.value = snapshot;
      input.checked = snapshot === data.currentSnapshot;
      input.addEventListener("change", function () { if (input.checked) onChange(snapshot); });
      label.appendChild(input);
      label.appendChild(el("span", null, snapshot ? snapshotLabel(snapshot) : "hide zones"));
      box.appendChild(label);
    });
    box.appendChild(zoneBox);
    return box;
  }

  function titleBox(data) {
    var box = el("div", "gm-title");
    box.appendChild(el("h1", null, data.title));
    if (data.titleAr) box.appendChild(arabic(data.titleAr, "gm-title-ar"));
    box.appendChild(el("div", "gm-subtitle", data.subtitle));
    if (data.zonesNote) box.appendChild(el("div", "gm-warning", data.zonesNote));
    return box;
  }

  function contextPanel(data) {
    var box = el("details", "gm-context leaflet-bar");
    box.appendChild(el("summary", null, "Figures not mapped as points (" + data.context.length + ")"));
    var list = el("ul");
    data.context.forEach(function (c) {
      var item = el("li");
      item.appendChild(el("strong", null, c.title));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", null, c.text));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function drawBasemap(map, data) {
    var base = L.layerGroup();
    L.geoJSON(data.basemap.outline, {
      pane: "gm-basemap", interactive: false,
      style: { color: "#6b6b6b", weight: 1.6, fillColor: "#fbfaf6", fillOpacity: data.hasTiles ? 0 : 1 }
    }).addTo(base);
    L.geoJSON(data.basemap.governorates, {
      pane: "gm-basemap", interactive: false,
      style: { color: "#a7a39a", weight: 0.8, fill: false, dashArray: "3 3" }
    }).addTo(base);
    data.basemap.labels.forEach(function (label) {
      var node = el("div", "gm-label gm-label-" + label.rank);
      node.appendChild(el("span", null, label.en));
      node.appendChild(arabic(label.ar, "gm-label-ar"));
      L.marker([label.lat, label.lon], {
        pane: "gm-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "gm-label-icon", html: node, iconSize: null })
      }).addTo(base);
    });
    base.addTo(map);
    return base;
  }

  function drawZones(data, snapshot) {
    return L.geoJSON(data.zones, {
      pane: "gm-zones",
      filter: function (f) { return f.properties.snapshot === snapshot; },
      style: function (f) {
        var s = data.zoneKinds[f.properties.kind] || {};
        return {
          color: f.properties.colour, fillColor: f.properties.colour, weight: s.weight,
          fillOpacity: s.fillOpacity, dashArray: s.dashArray, opacity: 0.9
        };
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(zoneTooltip(f.properties), { sticky: true });
      }
    });
  }

  function drawIncidents(map, data) {
    var renderer = data.incidents.features.length > data.canvasThreshold ? L.canvas({ pane: "gm-incidents" }) : undefined;
    var groups = {};
    data.legend.eventTypes.forEach(function (t) { groups[t.name] = L.layerGroup(); });
    var areaPopups = {};
    data.incidents.features.forEach(function (f) {
      var p = f.properties;
      var group = groups[p.event_type] || (groups[p.event_type] = L.layerGroup());
      var area = p.geo_precision === 3 ? data.areas[p.place_id] : null;
      if (area) {
        var key = p.place_id + "|" + p.event_type;
        if (!areaPopups[key]) {
          areaPopups[key] = el("div", "gm-popup-list");
          L.geoJSON(area, {
            pane: "gm-areas",
            style: { color: p.colour, weight: 2, dashArray: "6 4", fillColor: p.colour, fillOpacity: 0.07 }
          }).bindPopup(areaPopups[key], { maxWidth: 340, maxHeight: 360 }).addTo(group);
        }
        areaPopups[key].appendChild(popupContent(p));
        return;
      }
      var latlng = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      if (p.ring_km) {
        L.circle(latlng, {
          pane: "gm-areas", radius: p.ring_km * 1000, color: p.colour, weight: 1.5,
          dashArray: "4 4", fillColor: p.colour, fillOpacity: 0.08, interactive: false
        }).addTo(group);
      }
      L.circleMarker(latlng, {
        pane: "gm-incidents", renderer: renderer, radius: p.radius, color: "#1d1d1d", weight: 1,
        fillColor: p.colour, fillOpacity: 0.88
      }).bindPopup(popupContent(p), { maxWidth: 340 })
        .bindTooltip(el("span", null, p.sub_event_type + ", " + dateText(p)))
        .on("popupopen", function (e) { e.target.closeTooltip(); })
        .addTo(group);
    });
    var overlays = {};
    Object.keys(groups).forEach(function (name) {
      groups[name].addTo(map);
      overlays["Incidents: " + name] = groups[name];
    });
    return overlays;
  }

  function render(map, data) {
    [["gm-basemap", 150], ["gm-zones", 350], ["gm-areas", 390], ["gm-labels", 420], ["gm-incidents", 450]].forEach(function (p) {
      map.createPane(p[0]).style.zIndex = p[1];
    });
    map.getPane("gm-labels").style.pointerEvents = "none";
    drawBasemap(map, data);
    var zoneBox = el("div", "gm-zone-legend");
    var zoneLayer = null;
    function showSnapshot(snapshot) {
      if (zoneLayer) map.removeLayer(zoneLayer);
      zoneLayer = snapshot ? drawZones(data, snapshot).addTo(map) : null;
      zoneLegend(zoneBox, data, snapshot);
      document.documentElement.setAttribute("data-geo-zones", snapshot || "none");
    }
    showSnapshot(data.currentSnapshot);
    var overlays = drawIncidents(map, data);
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    L.control.layers(null, overlays, { collapsed: true, position: "topright" }).addTo(map);
    var legendControl = control("bottomright", function () { return legend(data); }).addTo(map);
    if (data.snapshots.length) {
      control("topright", function () { return snapshotControl(data, zoneBox, showSnapshot); }).addTo(map);
    }
    if (data.context.length) control("bottomleft", function () { return contextPanel(data); }).addTo(map);
    var title = titleBox(data);
    L.DomEvent.disableClickPropagation(title);
    map.getContainer().appendChild(title);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(data.attribution);
    var legendWidth = legendControl.getContainer().offsetWidth;
    map.fitBounds(L.geoJSON(data.basemap.outline).getBounds(), {
      paddingTopLeft: [20, title.offsetHeight + 20],
      paddingBottomRight: [legendWidth + 20, 30],
      animate: false
    });
    document.documentElement.setAttribute("data-geo-map-ready", "true");
  }

  window.GeoIncidentMap = { render: render, popupContent: popupContent };
})();
