/* Draws the layers of a geo incident map on a Leaflet map.
 *
 * Every string that comes from data is put into the page with textContent or
 * as an attribute value, never as HTML, so a hostile note cannot run script.
 * Links are kept only when they are http(s) URLs.
 *
 * Incidents arrive as columns (one array per field) and are drawn on a single
 * canvas (GlyphLayer): one glyph per incident, its shape and colour by event
 * type, its size by fatalities, with a dashed ring when the place is only
 * approximately known. Popups are built when a glyph is clicked. A time
 * control filters the incidents by date and switches the zones of control to
 * the snapshot valid on the chosen day.
 */
(function () {
  "use strict";

  var ARABIC = /[\u0600-\u06FF]/;
  var DAY_MS = 86400000;
  var SVG_NS = "http://www.w3.org/2000/svg";

  // -- small DOM helpers (text only) -------------------------------------------

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

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
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

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function dayOf(iso) {
    return Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS);
  }

  // -- glyphs: one shape per event type, drawn alike on canvas and in SVG ------

  function shapePoints(shape, r) {
    var pts = [], i, a;
    switch (shape) {
      case "square": r *= 0.86; return [[-r, -r], [r, -r], [r, r], [-r, r]];
      case "diamond": r *= 1.2; return [[0, -r], [r, 0], [0, r], [-r, 0]];
      case "triangle": r *= 1.25; return [[0, -r], [r * 0.866, r * 0.5], [-r * 0.866, r * 0.5]];
      case "triangle-down": r *= 1.25; return [[0, r], [-r * 0.866, -r * 0.5], [r * 0.866, -r * 0.5]];
      case "star":
        for (i = 0; i < 10; i++) {
          a = -Math.PI / 2 + i * Math.PI / 5;
          var rr = i % 2 ? r * 0.6 : r * 1.3;
          pts.push([rr * Math.cos(a), rr * Math.sin(a)]);
        }
        return pts;
      default: return null;
    }
  }

  function traceGlyph(ctx, shape, x, y, r) {
    var pts = shapePoints(shape, r);
    if (!pts) {
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      return;
    }
    ctx.moveTo(x + pts[0][0], y + pts[0][1]);
    for (var i = 1; i < pts.length; i++) ctx.lineTo(x + pts[i][0], y + pts[i][1]);
    ctx.closePath();
  }

  function glyphIcon(shape, colour, r, size) {
    size = size || 2 * Math.ceil(r * 1.35) + 4;
    var c = size / 2;
    var icon = svg("svg", { width: size, height: size, viewBox: "0 0 " + size + " " + size, "class": "gm-glyph", "aria-hidden": "true" });
    var pts = shapePoints(shape, r);
    var style = { fill: colour, stroke: "#1d1d1d", "stroke-width": 1 };
    if (!pts) {
      icon.appendChild(svg("circle", Object.assign({ cx: c, cy: c, r: r }, style)));
    } else {
      var d = pts.map(function (p, i) { return (i ? "L" : "M") + (c + p[0]).toFixed(2) + " " + (c + p[1]).toFixed(2); }).join(" ") + " Z";
      icon.appendChild(svg("path", Object.assign({ d: d }, style)));
    }
    return icon;
  }

  // -- incidents as columns --------------------------------------------------------

  function Store(cols, types) {
    this.cols = cols;
    this.types = types;
    this.n = cols.n;
    this.str = cols.str;
  }

  Store.prototype.text = function (name, i) { return this.str[this.cols[name][i]]; };

  Store.prototype.props = function (i) {
    var c = this.cols, t = this.types[c.type[i]] || {};
    return {
      event_id: c.event_id[i],
      event_date: isoDay(c.date[i]),
      date_end: c.end[i] ? isoDay(c.end[i]) : "",
      time_precision: c.tp[i],
      event_type: t.name,
      event_type_ar: t.label_ar,
      sub_event_type: this.text("sub_event_type", i),
      sub_event_type_ar: this.text("sub_event_type_ar", i),
      actor1: this.text("actor1", i),
      actor2: this.text("actor2", i),
      location: this.text("location", i),
      place_id: this.text("place_id", i),
      admin1: this.text("admin1", i),
      geo_precision: c.gp[i],
      fatalities: c.fat[i] < 0 ? null : c.fat[i],
      injuries: c.inj[i] < 0 ? null : c.inj[i],
      source: this.text("source", i),
      source_url: this.text("source_url", i),
      source_date: this.text("source_date", i),
      notes: c.notes[i],
      place_en: this.text("place_en", i),
      place_ar: this.text("place_ar", i),
      colour: t.colour
    };
  };

  Store.prototype.radius = function (i) {
    var f = this.cols.fat[i];
    return 6 + 2 * Math.sqrt(f > 0 ? f : 0);
  };

  // -- popups -----------------------------------------------------------------------

  function dateText(p) {
    var start = p.event_date || "";
    var end = p.date_end || "";
    if (p.time_precision === 1) return end && end !== start ? start + " – " + end : start;
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
    parts.push(p.fatalities === null || p.fatalities === undefined ? "killed: not reported" : p.fatalities + " killed");
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
      box.appendChild(el("span", "gm-muted", "as reported: "));
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
    head.appendChild(el("div", "gm-type", [p.sub_event_type, p.event_type].filter(Boolean).join(" · ")));
    var ar = [p.sub_event_type_ar, p.event_type_ar].filter(Boolean).join(" · ");
    if (ar) head.appendChild(arabic(ar, "gm-type-ar"));
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

  function tooltipContent(p) {
    var box = el("span", "gm-tip");
    box.appendChild(el("span", null, (p.sub_event_type || p.event_type) + ", " + dateText(p)));
    if (p.sub_event_type_ar) {
      box.appendChild(document.createElement("br"));
      box.appendChild(arabic(p.sub_event_type_ar));
    }
    return box;
  }

  function zoneTooltip(p) {
    var box = el("div", "gm-zone-tip");
    box.appendChild(el("strong", null, p.label_en));
    if (p.label_ar) {
      box.appendChild(document.createElement("br"));
      box.appendChild(arabic(p.label_ar));
    }
    box.appendChild(el("div", "gm-muted", p.kind + ", " + p.valid_from + " to " + (p.valid_to || "now") + " (approximate)"));
    return box;
  }

  // -- the incident canvas ------------------------------------------------------------

  var CELL = 64;
  var BATCH_ABOVE = 3000;
  var MORE_LISTED = 30;
  var CHUNK = 100;
  var WINDOW = 600;
  var MANY_RINGS = 200;

  var GlyphLayer = L.Canvas.extend({
    options: { padding: 0.2 },

    initialize: function (store, filter, rings, options) {
      L.Canvas.prototype.initialize.call(this, options);
      this._store = store;
      this._filter = filter;
      this._rings = rings;
      this.drawn = 0;
    },

    onAdd: function (map) {
      var s = this._store, n = s.n, i;
      this._px = new Float64Array(n);
      this._py = new Float64Array(n);
      this._r = new Float32Array(n);
      for (i = 0; i < n; i++) {
        var p = map.project([s.cols.lat[i], s.cols.lon[i]], 0);
        this._px[i] = p.x;
        this._py[i] = p.y;
        this._r[i] = s.radius(i);
      }
      // Big glyphs first, so small ones stay on top and clickable; then by date, so the latest is on top.
      var order = new Array(n);
      for (i = 0; i < n; i++) order[i] = i;
      var r = this._r, date = s.cols.date;
      order.sort(function (a, b) { return (r[b] - r[a]) || (date[a] - date[b]) || (a - b); });
      this._order = Int32Array.from(order);
      L.Canvas.prototype.onAdd.call(this, map);
      map.on("zoomstart", this._hideTip, this);
    },

    onRemove: function (map) {
      map.off("zoomstart", this._hideTip, this);
      this._hideTip();
      L.Canvas.prototype.onRemove.call(this, map);
    },

    refresh: function () {
      if (!this._map || this._refreshRequest) return;
      this._refreshRequest = L.Util.requestAnimFrame(function () {
        this._refreshRequest = null;
        this._redraw();
      }, this);
    },

    _updatePaths: function () { this._redraw(); },
    _draw: function () { this._redraw(); },
    _requestRedraw: function () { this.refresh(); },

    _redraw: function () {
      this._redrawRequest = null;
      if (!this._map || !this._ctx) return;
      var map = this._map, ctx = this._ctx, b = this._bounds, s = this._store, c = s.cols, f = this._filter;
      var scale = map.getZoomScale(map.getZoom(), 0), origin = map.getPixelOrigin();
      var minX = b.min.x, minY = b.min.y, maxX = b.max.x, maxY = b.max.y;
      ctx.clearRect(minX, minY, maxX - minX, maxY - minY);
      var n = this._order.length, k, i, x, y, r, key;
      var types = s.types, nTypes = types.length;
      // What to draw, in draw order. A glyph of the same type and size as one already drawn in the same
      // 2-pixel cell would change nothing on screen, so it is skipped (a click still finds it: see hitAll).
      var rings = [], t;
      for (t = 0; t < nTypes; t++) rings.push([]);
      var seen = new Set(), seenRing = new Set();
      var metresPerPixel0 = 40075016.686 / (256 * scale);
      var drawnIdx = [], dx = [], dy = [];
      for (k = 0; k < n; k++) {
        i = this._order[k];
        if (!f.visible(i)) continue;
        x = this._px[i] * scale - origin.x;
        y = this._py[i] * scale - origin.y;
        if (x < minX - 300 || y < minY - 300 || x > maxX + 300 || y > maxY + 300) continue;
        t = c.type[i];
        var km = f.isArea(i) ? 0 : this._rings[c.gp[i]];
        if (km) {
          var pr = km * 1000 / (metresPerPixel0 * Math.cos(c.lat[i] * Math.PI / 180));
          key = ((Math.round((x - minX) / 4) * 4096 + Math.round((y - minY) / 4)) * 64 + t) * 512 + Math.round(pr);
          if (pr >= 3 && !seenRing.has(key)) { seenRing.add(key); rings[t].push(x, y, pr); }
        }
        if (f.isArea(i)) continue;
        r = this._r[i];
        if (x < minX - r || y < minY - r || x > maxX + r || y > maxY + r) continue;
        key = ((Math.round((x - minX) / 2) * 4096 + Math.round((y - minY) / 2)) * 64 + t) * 512 + Math.round(r);
        if (seen.has(key)) continue;
        seen.add(key);
        drawnIdx.push(i); dx.push(x); dy.push(y);
      }
      // Uncertainty rings first, under every glyph: one dashed path per event type.
      ctx.lineWidth = 1.3;
      ctx.setLineDash([4, 4]);
      // Many rings in view: outlines only, and fainter, or they wash over everything.
      var ringCount = rings.reduce(function (a, list) { return a + list.length / 3; }, 0);
      var ringFill = ringCount > MANY_RINGS ? 0 : 0.07, ringLine = ringCount > MANY_RINGS ? 0.35 : 0.85;
      for (t = 0; t < nTypes; t++) {
        var list = rings[t];
        if (!list.length) continue;
        ctx.fillStyle = ctx.strokeStyle = types[t].colour;
        for (var from = 0; from < list.length; from += 3 * CHUNK) {
          ctx.beginPath();
          for (k = from; k < Math.min(list.length, from + 3 * CHUNK); k += 3) {
            ctx.moveTo(list[k] + list[k + 2], list[k + 1]);
            ctx.arc(list[k], list[k + 1], list[k + 2], 0, 2 * Math.PI);
          }
          if (ringFill) {
            ctx.globalAlpha = ringFill;
            ctx.fill();
          }
          ctx.globalAlpha = ringLine;
          ctx.stroke();
        }
      }
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#1d1d1d";
      var total = drawnIdx.length;
      // Many glyphs in view: shrink them (down to half size), so the map does not turn into a blanket; zooming in
      // brings fewer into view and back to full size.
      var shrink = this._shrink = total > BATCH_ABOVE ? Math.max(0.5, Math.sqrt(BATCH_ABOVE / total)) : 1;
      var W = total > BATCH_ABOVE ? WINDOW : 1;
      if (shrink < 1) {
        ctx.lineWidth = 0.5;
        ctx.strokeStyle = "rgba(29, 29, 29, 0.6)";
      }
      // In draw order (big first, latest on top), a window at a time; within a window, one path per event
      // type and per hundred glyphs, which is much faster to fill than one glyph at a time.
      for (var w = 0; w < total; w += W) {
        var stop = Math.min(total, w + W);
        for (t = 0; t < nTypes; t++) {
          var drawnHere = 0;
          ctx.beginPath();
          for (k = w; k < stop; k++) {
            i = drawnIdx[k];
            if (c.type[i] !== t) continue;
            traceGlyph(ctx, types[t].shape, dx[k], dy[k], this._r[i] * shrink);
            if (++drawnHere % CHUNK === 0) {
              ctx.fillStyle = types[t].colour;
              ctx.fill();
              ctx.stroke();
              ctx.beginPath();
            }
          }
          if (drawnHere % CHUNK) {
            ctx.fillStyle = types[t].colour;
            ctx.fill();
            ctx.stroke();
          }
        }
      }
      this._drawn = { idx: Int32Array.from(drawnIdx), x: Float32Array.from(dx), y: Float32Array.from(dy), grid: null };
      this.drawn = total;
      document.documentElement.setAttribute("data-geo-drawn", String(total));
    },

    // Every visible incident whose glyph covers a layer point, topmost first.
    hitAll: function (layerPoint) {
      var map = this._map, s = this._store, f = this._filter, out = [];
      if (!map) return out;
      var scale = map.getZoomScale(map.getZoom(), 0), origin = map.getPixelOrigin();
      for (var k = this._order.length - 1; k >= 0; k--) {
        var i = this._order[k];
        if (f.isArea(i) || !f.visible(i)) continue;
        var ddx = this._px[i] * scale - origin.x - layerPoint.x, ddy = this._py[i] * scale - origin.y - layerPoint.y;
        var r = this._r[i] * (this._shrink || 1) + 2;
        if (ddx * ddx + ddy * ddy <= r * r) out.push(i);
      }
      return out;
    },

    _grid: function () {
      var g = this._drawn;
      if (g.grid) return g.grid;
      var grid = new Map();
      for (var k = 0; k < g.idx.length; k++) {
        var key = Math.floor(g.x[k] / CELL) * 65536 + Math.floor(g.y[k] / CELL);
        var list = grid.get(key);
        if (list) list.push(k); else grid.set(key, [k]);
      }
      g.grid = grid;
      return grid;
    },

    hit: function (layerPoint) {
      if (!this._drawn) return -1;
      var grid = this._grid(), g = this._drawn, best = -1;
      var cx = Math.floor(layerPoint.x / CELL), cy = Math.floor(layerPoint.y / CELL);
      for (var gx = cx - 1; gx <= cx + 1; gx++) {
        for (var gy = cy - 1; gy <= cy + 1; gy++) {
          var list = grid.get(gx * 65536 + gy);
          if (!list) continue;
          for (var j = 0; j < list.length; j++) {
            var k = list[j], i = g.idx[k], r = this._r[i] * (this._shrink || 1) + 2;
            var ddx = g.x[k] - layerPoint.x, ddy = g.y[k] - layerPoint.y;
            if (ddx * ddx + ddy * ddy <= r * r && k > best) best = k;
          }
        }
      }
      return best < 0 ? -1 : g.idx[best];
    },

    // Viewport positions of the glyphs drawn now, topmost last (for tests and tools).
    positions: function () {
      var out = [], g = this._drawn, map = this._map;
      if (!g) return out;
      var rect = map.getContainer().getBoundingClientRect();
      for (var k = 0; k < g.idx.length; k++) {
        var p = map.layerPointToContainerPoint([g.x[k], g.y[k]]);
        out.push({ i: g.idx[k], x: rect.left + p.x, y: rect.top + p.y, r: this._r[g.idx[k]] * (this._shrink || 1) });
      }
      return out;
    },

    // Open the popup of incident i; others at the same spot are listed under it, each one a click away.
    openPopup: function (i, others) {
      var s = this._store, self = this;
      var box = el("div", "gm-popup-stack");
      function show(j) {
        box.textContent = "";
        box.appendChild(popupContent(s.props(j)));
        var rest = [i].concat(others || []).filter(function (k) { return k !== j; });
        if (!rest.length) return;
        var more = el("details", "gm-more");
        more.appendChild(el("summary", null, rest.length + " more incident" + (rest.length > 1 ? "s" : "") + " at this spot"));
        var list = el("ul");
        rest.slice(0, MORE_LISTED).forEach(function (k) {
          var p = s.props(k);
          var item = el("li");
          var link = el("button", "gm-link", dateText(p) + " · " + (p.sub_event_type || p.event_type) + " · " + (p.place_en || p.location));
          link.type = "button";
          link.addEventListener("click", function () { show(k); self._popup && self._popup.update(); });
          item.appendChild(link);
          list.appendChild(item);
        });
        if (rest.length > MORE_LISTED) list.appendChild(el("li", "gm-muted", "… and " + (rest.length - MORE_LISTED) + " more"));
        more.appendChild(list);
        box.appendChild(more);
      }
      show(i);
      this._popup = L.popup({ maxWidth: 340, maxHeight: 420, autoPanPaddingTopLeft: [10, 10] })
        .setLatLng([s.cols.lat[i], s.cols.lon[i]])
        .setContent(box)
        .openOn(this._map);
      this._hideTip();
    },

    _initContainer: function () {
      L.Canvas.prototype._initContainer.call(this);
      // The canvas lets every event through to the zones and areas below; glyphs are hit-tested from the map's events.
      this._container.style.pointerEvents = "none";
    },

    getEvents: function () {
      var events = L.Canvas.prototype.getEvents.call(this);
      events.click = this._onMapClick;
      events.mousemove = this._onMapMove;
      events.mouseout = this._handleMouseOut;
      return events;
    },

    _onMapClick: function (e) {
      if (this.hit(e.layerPoint) < 0) return;
      var hits = this.hitAll(e.layerPoint);
      if (hits.length) this.openPopup(hits[0], hits.slice(1));
    },

    _onMapMove: function (e) {
      var map = this._map;
      if (!map || map._animatingZoom || (map.dragging && map.dragging.moving())) return;
      var i = this.hit(e.layerPoint);
      if (i === this._hover) return;
      this._hover = i;
      this._hideTip();
      var container = map.getContainer();
      if (i < 0) {
        L.DomUtil.removeClass(container, "gm-over-glyph");
        return;
      }
      L.DomUtil.addClass(container, "gm-over-glyph");
      if (this._popupShown() && map.hasLayer(this._popupShown())) return;
      var s = this._store;
      this._tip = L.tooltip({ direction: "top", offset: [0, -this._r[i]] })
        .setLatLng([s.cols.lat[i], s.cols.lon[i]])
        .setContent(tooltipContent(s.props(i)));
      this._tip.addTo(map);
    },

    _popupShown: function () { return this._map._popup; },

    _handleMouseOut: function () {
      this._hover = -1;
      this._hideTip();
      if (this._map) L.DomUtil.removeClass(this._map.getContainer(), "gm-over-glyph");
    },

    _hideTip: function () {
      if (this._tip && this._map) this._map.removeLayer(this._tip);
      this._tip = null;
    }
  });

  // -- filters ---------------------------------------------------------------------------

  function Filter(store, areaOf) {
    this.store = store;
    this.typeOn = store.types.map(function () { return true; });
    this.from = -Infinity;
    this.to = Infinity;
    this._areaOf = areaOf;
  }

  Filter.prototype.visible = function (i) {
    var c = this.store.cols;
    if (!this.typeOn[c.type[i]]) return false;
    var start = c.date[i], end = c.end[i] || start;
    return start <= this.to && end >= this.from;
  };

  Filter.prototype.isArea = function (i) { return this._areaOf(i); };

  Filter.prototype.count = function () {
    var n = 0;
    for (var i = 0; i < this.store.n; i++) if (this.visible(i)) n++;
    return n;
  };

  // -- layers ------------------------------------------------------------------------------

  function drawBasemap(map, data, options) {
    var base = L.layerGroup();
    var pane = options.pane;
    L.geoJSON(data.basemap.outline, {
      pane: pane, interactive: false,
      style: { color: "#6b6b6b", weight: 1.6, fillColor: "#fbfaf6", fillOpacity: data.hasTiles ? 0 : 1 }
    }).addTo(base);
    L.geoJSON(data.basemap.governorates, {
      pane: pane, interactive: false,
      style: { color: "#a7a39a", weight: 0.8, fill: false, dashArray: "3 3" }
    }).addTo(base);
    if (data.basemap.rivers) {
      L.geoJSON(data.basemap.rivers, {
        pane: pane, interactive: false,
        style: function (f) {
          return { color: "#5b9bd5", weight: f.properties.rank === 1 ? 2.2 : (f.properties.rank === 2 ? 1.5 : 1.1), opacity: 0.9 };
        }
      }).addTo(base);
    }
    if (options.labels) {
      (data.basemap.rivers ? data.basemap.rivers.features : []).forEach(function (f) {
        if (!f.properties.label) return;
        var node = el("div", "gm-river-label");
        node.appendChild(el("span", null, f.properties.name_en));
        node.appendChild(arabic(f.properties.name_ar));
        L.marker([f.properties.label_lat, f.properties.label_lon], {
          pane: "gm-labels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "gm-label-icon", html: node, iconSize: null })
        }).addTo(base);
      });
      data.basemap.labels.forEach(function (label) {
        var node = el("div", "gm-label gm-label-" + label.rank);
        node.appendChild(el("span", null, label.en));
        node.appendChild(arabic(label.ar, "gm-label-ar"));
        L.marker([label.lat, label.lon], {
          pane: "gm-labels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "gm-label-icon", html: node, iconSize: null })
        }).addTo(base);
      });
    }
    base.addTo(map);
    return base;
  }

  function hatchPatterns(renderer, factions) {
    var defs = svg("defs");
    factions.forEach(function (f, n) {
      var pattern = svg("pattern", {
        id: "gm-hatch-" + n, patternUnits: "userSpaceOnUse", width: 7, height: 7, patternTransform: "rotate(45)"
      });
      pattern.appendChild(svg("rect", { width: 7, height: 7, fill: f.colour, "fill-opacity": 0.1 }));
      pattern.appendChild(svg("line", { x1: 1, y1: 0, x2: 1, y2: 7, stroke: f.colour, "stroke-width": 2.4, "stroke-opacity": 0.7 }));
      defs.appendChild(pattern);
    });
    renderer._container.insertBefore(defs, renderer._container.firstChild);
  }

  function zoneStyle(data, factionIndex) {
    return function (f) {
      var s = data.zoneKinds[f.properties.kind] || {};
      var style = { color: f.properties.colour, weight: s.weight, dashArray: s.dashArray, opacity: 0.95 };
      if (s.fill === "hatch") {
        style.fillColor = "url(#gm-hatch-" + factionIndex[f.properties.faction] + ")";
        style.fillOpacity = 1;
      } else if (s.fill === "none") {
        style.fill = false;
      } else {
        style.fillColor = f.properties.colour;
        style.fillOpacity = s.fillOpacity;
      }
      return style;
    };
  }

  // -- controls -------------------------------------------------------------------------------

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

  function zoneSwatch(colour, kind) {
    var node = el("span", "gm-swatch gm-zone-" + kind);
    node.style.borderColor = colour;
    if (kind === "control") node.style.background = colour;
    if (kind === "influence") {
      node.style.backgroundImage = "repeating-linear-gradient(45deg, " + colour + " 0 2px, transparent 2px 5px)";
    }
    return node;
  }

  function checkRow(box, checked, onChange, icons, en, ar) {
    var label = el("label", "gm-legend-row gm-check");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); });
    label.appendChild(input);
    icons.forEach(function (icon) { label.appendChild(icon); });
    label.appendChild(el("span", "gm-legend-en", en));
    if (ar) label.appendChild(arabic(ar, "gm-legend-ar"));
    box.appendChild(label);
    return input;
  }

  function summary(en, ar) {
    var node = el("summary", "gm-legend-summary");
    node.appendChild(el("span", null, en));
    node.appendChild(el("span", "gm-summary-ar", " · "));
    node.appendChild(arabic(ar, "gm-summary-ar"));
    return node;
  }

  function plainRow(box, icon, en, ar) {
    var item = el("div", "gm-legend-row");
    item.appendChild(icon);
    item.appendChild(el("span", "gm-legend-en", en));
    if (ar) item.appendChild(arabic(ar, "gm-legend-ar"));
    box.appendChild(item);
  }

  function precisionIcon(kind) {
    var icon = svg("svg", { width: 22, height: 22, viewBox: "0 0 22 22", "class": "gm-glyph", "aria-hidden": "true" });
    if (kind === "ring") icon.appendChild(svg("circle", { cx: 11, cy: 11, r: 9.5, fill: "#44444412", stroke: "#444", "stroke-dasharray": "3 3" }));
    if (kind === "area") {
      icon.appendChild(svg("rect", { x: 1.5, y: 3.5, width: 19, height: 15, fill: "#44444420", stroke: "#444", "stroke-dasharray": "5 3" }));
      return icon;
    }
    icon.appendChild(svg("circle", { cx: 11, cy: 11, r: 4, fill: "#888", stroke: "#1d1d1d" }));
    return icon;
  }

  function legend(data, filter, onChange) {
    var box = el("details", "gm-legend leaflet-bar");
    box.setAttribute("open", "");
    box.appendChild(summary("Legend", "مفتاح الخريطة"));
    box.appendChild(el("div", "gm-legend-title", "Incidents by type (untick to hide)"));
    data.types.forEach(function (t, n) {
      var input = checkRow(box, true, function (on) { filter.typeOn[n] = on; onChange(); },
        [glyphIcon(t.shape, t.colour, 6, 18)], t.name, t.label_ar);
      input.setAttribute("data-type", t.name);
    });
    if (!data.types.length) box.appendChild(el("div", "gm-muted", "no incidents"));
    box.appendChild(el("div", "gm-legend-title", "Size: people killed"));
    var sizes = el("div", "gm-sizes");
    data.sizes.forEach(function (s) {
      var item = el("span", "gm-size");
      item.appendChild(glyphIcon("circle", "#bbbbbb", s.radius));
      item.appendChild(el("span", null, s.label));
      sizes.appendChild(item);
    });
    box.appendChild(sizes);
    box.appendChild(el("div", "gm-muted gm-legend-note", "Smallest: none or not reported."));
    box.appendChild(el("div", "gm-legend-title", "Location precision"));
    plainRow(box, precisionIcon("point"), "the place itself");
    plainRow(box, precisionIcon("ring"), "near it (ring ≈ " + (data.rings["2"] || 10) + " km)");
    plainRow(box, precisionIcon("ring"), "somewhere in a wider area (ring ≈ " + (data.rings["3"] || 40) + " km)");
    plainRow(box, precisionIcon("area"), "only the governorate is known");
    return box;
  }

  function snapshotLabel(snapshot) {
    var parts = snapshot.split("/");
    return parts[1] ? parts[0] + " to " + parts[1] : "from " + parts[0];
  }

  function zonePanel(data, state, onSnapshot, onFaction) {
    var box = el("details", "gm-snapshots leaflet-bar");
    box.setAttribute("open", "");
    box.appendChild(summary("Zones of control", "مناطق السيطرة"));
    box.appendChild(el("div", "gm-legend-note", "Approximate; derived from control points."));
    var radios = {};
    data.snapshots.concat([""]).forEach(function (snapshot) {
      var label = el("label", "gm-snapshot");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "gm-snapshot";
      input.value = snapshot;
      input.checked = snapshot === data.currentSnapshot;
      input.addEventListener("change", function () { if (input.checked) onSnapshot(snapshot, true); });
      radios[snapshot] = input;
      label.appendChild(input);
      label.appendChild(el("span", null, snapshot ? snapshotLabel(snapshot) : "hide zones"));
      box.appendChild(label);
    });
    var list = el("div", "gm-zone-legend");
    box.appendChild(list);
    state.radios = radios;
    state.factionList = list;
    state.onFaction = onFaction;
    return box;
  }

  function fillFactionList(data, state, snapshot) {
    var list = state.factionList;
    if (!list) return;
    list.textContent = "";
    var kinds = {};
    data.zones.features.forEach(function (f) {
      if (f.properties.snapshot !== snapshot) return;
      var k = kinds[f.properties.faction] || (kinds[f.properties.faction] = []);
      if (k.indexOf(f.properties.kind) < 0) k.push(f.properties.kind);
    });
    data.factions.forEach(function (f) {
      if (!kinds[f.id]) return;
      var order = ["control", "influence", "activity"];
      var ks = kinds[f.id].slice().sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
      var en = f.label_en + (ks.length === 1 && ks[0] !== "control" ? " (" + ks[0] + ")" : "");
      var input = checkRow(list, state.factionOn[f.id] !== false, function (on) { state.onFaction(f.id, on); },
        ks.map(function (k) { return zoneSwatch(f.colour, k); }), en, f.label_ar);
      input.setAttribute("data-faction", f.id);
    });
    if (snapshot) {
      var kindsBox = el("div", "gm-kinds");
      ["control", "influence", "activity"].forEach(function (k) {
        var item = el("span", "gm-kind");
        item.appendChild(zoneSwatch("#555", k));
        item.appendChild(el("span", null, k));
        kindsBox.appendChild(item);
      });
      list.appendChild(kindsBox);
    }
  }

  function titleBox(data) {
    var box = el("div", "gm-title");
    box.appendChild(el("h1", null, data.title));
    if (data.titleAr) box.appendChild(arabic(data.titleAr, "gm-title-ar"));
    box.appendChild(el("div", "gm-subtitle", data.subtitle));
    return box;
  }

  var WINDOWS = [[0, "everything up to it"], [365, "the year to it"], [30, "the 30 days to it"], [7, "the week to it"]];

  function timeControl(range, onDate) {
    var box = el("div", "gm-time");
    var play = el("button", "gm-play", "▶");
    play.type = "button";
    play.setAttribute("aria-label", "Play: step through the dates");
    play.title = "Play / pause";
    var slider = document.createElement("input");
    slider.type = "range";
    slider.className = "gm-slider";
    slider.min = String(range.min);
    slider.max = String(range.max);
    slider.step = "1";
    slider.value = String(range.value);
    slider.setAttribute("aria-label", "Date shown");
    var label = el("output", "gm-date");
    var line = el("div", "gm-time-row");
    line.appendChild(play);
    line.appendChild(slider);
    line.appendChild(label);
    box.appendChild(line);
    var second = el("div", "gm-time-row gm-time-second");
    second.appendChild(el("span", "gm-muted", "Show incidents of"));
    var select = document.createElement("select");
    select.className = "gm-window";
    select.setAttribute("aria-label", "Time window");
    WINDOWS.forEach(function (w) {
      var option = el("option", null, w[1]);
      option.value = String(w[0]);
      select.appendChild(option);
    });
    second.appendChild(select);
    var count = el("span", "gm-count");
    second.appendChild(count);
    box.appendChild(second);
    var timer = null;

    function update() {
      var day = Number(slider.value);
      label.textContent = isoDay(day);
      count.textContent = onDate(day, Number(select.value));
    }

    function stop() {
      if (timer) clearInterval(timer);
      timer = null;
      play.textContent = "▶";
      play.setAttribute("aria-label", "Play: step through the dates");
    }

    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      if (Number(slider.value) >= range.max) slider.value = String(range.min);
      var step = Math.max(1, Math.round((range.max - range.min) / 150));
      play.textContent = "❚❚";
      play.setAttribute("aria-label", "Pause");
      timer = setInterval(function () {
        var next = Math.min(range.max, Number(slider.value) + step);
        slider.value = String(next);
        update();
        if (next >= range.max) stop();
      }, 120);
      update();
    });
    slider.addEventListener("input", update);
    select.addEventListener("change", update);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    update();
    return { node: box, slider: slider, select: select, update: update, stop: stop };
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

  function fullscreenControl(map) {
    return control("topleft", function () {
      var box = el("div", "leaflet-bar gm-fullscreen");
      var button = el("a");
      var icon = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
      icon.appendChild(svg("path", {
        d: "M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5", fill: "none", stroke: "#222", "stroke-width": 2
      }));
      button.appendChild(icon);
      button.href = "#";
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", "Full screen");
      button.title = "Full screen";
      box.appendChild(button);
      var container = map.getContainer();
      function isFull() {
        return document.fullscreenElement === container || L.DomUtil.hasClass(container, "gm-pseudo-fullscreen");
      }
      function changed() {
        button.setAttribute("aria-pressed", String(isFull()));
        document.documentElement.setAttribute("data-geo-fullscreen", String(isFull()));
        map.invalidateSize();
      }
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.preventDefault(e);
        if (isFull()) {
          if (document.fullscreenElement) document.exitFullscreen();
          else { L.DomUtil.removeClass(container, "gm-pseudo-fullscreen"); changed(); }
          return;
        }
        var request = container.requestFullscreen && container.requestFullscreen();
        if (!request) { L.DomUtil.addClass(container, "gm-pseudo-fullscreen"); changed(); return; }
        request.catch(function () { L.DomUtil.addClass(container, "gm-pseudo-fullscreen"); changed(); });
      });
      document.addEventListener("fullscreenchange", changed);
      return box;
    });
  }

  function miniMap(map, data) {
    var ctl = control("bottomleft", function () {
      var box = el("div", "gm-minimap leaflet-bar");
      box.setAttribute("aria-label", "Overview map");
      return box;
    });
    ctl.addTo(map);
    var node = ctl.getContainer();
    var mini = L.map(node, {
      attributionControl: false, zoomControl: false, dragging: false, touchZoom: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, zoomSnap: 0, fadeAnimation: false, zoomAnimation: false
    });
    mini.createPane("gm-mini-basemap").style.zIndex = 150;
    drawBasemap(mini, { basemap: data.basemap, hasTiles: false }, { pane: "gm-mini-basemap", labels: false });
    mini.fitBounds(L.geoJSON(data.basemap.outline).getBounds(), { padding: [4, 4], animate: false });
    var frame = L.rectangle(map.getBounds(), { color: "#c0392b", weight: 1.5, fillOpacity: 0.08, interactive: false }).addTo(mini);
    map.on("moveend zoomend resize", function () { frame.setBounds(map.getBounds()); });
    mini.on("click", function (e) { map.panTo(e.latlng); });
    return mini;
  }

  // -- the map ----------------------------------------------------------------------------

  function snapshotOn(snapshots, iso) {
    for (var k = snapshots.length - 1; k >= 0; k--) {
      var parts = snapshots[k].split("/");
      if (parts[0] <= iso && (!parts[1] || iso <= parts[1])) return snapshots[k];
    }
    return "";
  }

  function unpack(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function draw(map, data) {
    [["gm-basemap", 150], ["gm-zones", 350], ["gm-areas", 390], ["gm-labels", 420], ["gm-incidents", 450]].forEach(function (p) {
      map.createPane(p[0]).style.zIndex = p[1];
    });
    map.getPane("gm-labels").style.pointerEvents = "none";
    drawBasemap(map, data, { pane: "gm-basemap", labels: true });
    var root = document.documentElement;

    // Incidents.
    var store = new Store(data.incidents, data.types);
    var cols = store.cols;
    var areaGroups = {}, areaOf = new Uint8Array(store.n);
    for (var i = 0; i < store.n; i++) {
      var place = store.text("place_id", i);
      if (cols.gp[i] === 3 && data.areas[place]) {
        areaOf[i] = 1;
        var key = place + "|" + cols.type[i];
        (areaGroups[key] || (areaGroups[key] = { place: place, type: cols.type[i], members: [] })).members.push(i);
      }
    }
    var filter = new Filter(store, function (k) { return areaOf[k] === 1; });
    var areaLayer = L.layerGroup().addTo(map);
    Object.keys(areaGroups).sort().forEach(function (key) {
      var g = areaGroups[key], t = data.types[g.type];
      g.layer = L.geoJSON(data.areas[g.place], {
        pane: "gm-areas",
        style: { color: t.colour, weight: 2, dashArray: "6 4", fillColor: t.colour, fillOpacity: 0.07 }
      }).bindPopup(function () {
        var list = el("div", "gm-popup-list");
        var shown = g.members.filter(function (k) { return filter.visible(k); });
        shown.slice(0, 50).forEach(function (k) { list.appendChild(popupContent(store.props(k))); });
        if (shown.length > 50) list.appendChild(el("p", "gm-muted", "… and " + (shown.length - 50) + " more"));
        return list;
      }, { maxWidth: 340, maxHeight: 360 });
    });
    var glyphs = new GlyphLayer(store, filter, data.rings, { pane: "gm-incidents" });

    function refreshIncidents() {
      glyphs.refresh();
      Object.keys(areaGroups).forEach(function (key) {
        var g = areaGroups[key];
        var on = g.members.some(function (k) { return filter.visible(k); });
        if (on && !areaLayer.hasLayer(g.layer)) areaLayer.addLayer(g.layer);
        if (!on && areaLayer.hasLayer(g.layer)) areaLayer.removeLayer(g.layer);
      });
      var visible = filter.count();
      root.setAttribute("data-geo-visible", String(visible));
      return visible;
    }

    // Zones.
    var zoneRenderer = L.svg({ pane: "gm-zones" });
    map.addLayer(zoneRenderer);
    var factionIndex = {};
    data.factions.forEach(function (f, n) { factionIndex[f.id] = n; });
    hatchPatterns(zoneRenderer, data.factions);
    var zoneState = { factionOn: {}, snapshot: null };
    var zoneLayer = null;
    function drawZones() {
      if (zoneLayer) map.removeLayer(zoneLayer);
      zoneLayer = null;
      var snapshot = zoneState.snapshot;
      if (snapshot) {
        zoneLayer = L.geoJSON(data.zones, {
          renderer: zoneRenderer,
          filter: function (f) { return f.properties.snapshot === snapshot && zoneState.factionOn[f.properties.faction] !== false; },
          style: zoneStyle(data, factionIndex),
          onEachFeature: function (f, layer) { layer.bindTooltip(zoneTooltip(f.properties), { sticky: true }); }
        }).addTo(map);
      }
    }
    function showSnapshot(snapshot) {
      if (snapshot === zoneState.snapshot) return;
      zoneState.snapshot = snapshot;
      drawZones();
      fillFactionList(data, zoneState, snapshot);
      if (zoneState.radios && zoneState.radios[snapshot]) zoneState.radios[snapshot].checked = true;
      root.setAttribute("data-geo-zones", snapshot || "none");
    }
    function toggleFaction(id, on) {
      zoneState.factionOn[id] = on;
      drawZones();
      fillFactionList(data, zoneState, zoneState.snapshot);
    }

    // Controls.
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    fullscreenControl(map).addTo(map);
    if (data.snapshots.length) {
      control("topright", function () { return zonePanel(data, zoneState, showSnapshot, toggleFaction); }).addTo(map);
    }
    showSnapshot(data.currentSnapshot);
    var legendControl = control("bottomright", function () { return legend(data, filter, refreshIncidents); }).addTo(map);
    if (data.context.length) control("bottomleft", function () { return contextPanel(data); }).addTo(map);
    var title = titleBox(data);
    L.DomEvent.disableClickPropagation(title);
    L.DomEvent.disableScrollPropagation(title);
    map.getContainer().appendChild(title);

    // The time control: incidents up to (or in a window before) the chosen day, and the zones of that day.
    var days = [], k;
    for (k = 0; k < store.n; k++) days.push(cols.date[k]);
    data.snapshots.forEach(function (s) { days.push(dayOf(s.split("/")[0])); });
    var last = data.asOfDay !== null && data.asOfDay !== undefined ? data.asOfDay : Math.max.apply(null, days.length ? days : [0]);
    var first = days.reduce(function (a, b) { return Math.min(a, b); }, last);
    var time = null;
    var zoneNote = el("div", "gm-warning gm-zone-note", data.zonesNote);
    if (days.length && first < last) {
      time = timeControl({ min: first, max: last, value: last }, function (day, windowDays) {
        filter.to = day;
        filter.from = windowDays ? day - windowDays + 1 : -Infinity;
        root.setAttribute("data-geo-date", isoDay(day));
        if (data.snapshots.length) {
          var snapshot = snapshotOn(data.snapshots, isoDay(day));
          showSnapshot(snapshot);
          zoneNote.textContent = snapshot ? "" : "No zone snapshot covers " + isoDay(day) + ": zones are hidden.";
        }
        var visible = refreshIncidents();
        return visible + " of " + store.n + " incidents";
      });
      title.appendChild(time.node);
      if (data.currentSnapshot !== zoneState.snapshot) showSnapshot(data.currentSnapshot);
    } else {
      refreshIncidents();
    }
    title.appendChild(zoneNote);  // last, so that the time control does not move when the note changes

    // Fit the controls to the frame: an embedded map in a report can be small.
    var size = map.getSize();
    var mini = null;
    if (size.x >= 700 && size.y >= 500) mini = miniMap(map, data);
    if (size.x < 900 || size.y < 700) {
      legendControl.getContainer().removeAttribute("open");
      var panel = map.getContainer().querySelector(".gm-snapshots");
      if (panel) panel.removeAttribute("open");
    }
    if (size.x < 700 || size.y < 460) L.DomUtil.addClass(map.getContainer(), "gm-compact");
    var small = size.x < 900 || size.y < 700;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(L.DomUtil.hasClass(map.getContainer(), "gm-compact") ? data.attributionShort : data.attribution);
    var legendWidth = small ? 0 : legendControl.getContainer().offsetWidth;
    map.fitBounds(L.geoJSON(data.basemap.outline).getBounds(), {
      paddingTopLeft: [20, title.offsetHeight + 20],
      paddingBottomRight: [legendWidth + 20, 30],
      animate: false
    });
    glyphs.addTo(map);  // after the view is set, so the incidents are drawn once
    var api = {
      map: map, glyphs: glyphs, filter: filter, store: store, mini: mini,
      setDate: function (day) { if (time) { time.slider.value = String(day); time.update(); } },
      markers: function () { return glyphs.positions(); },
      openPopup: function (i) { glyphs.openPopup(i); }
    };
    window.GeoIncidentMap.current = api;
    root.setAttribute("data-geo-map-ready", "true");
    root.setAttribute("data-geo-ready-ms", String(Math.round(performance.now())));
    return api;
  }

  function render(map, data) {
    if (!data.incidentsGz) return draw(map, data);
    if (typeof DecompressionStream === "undefined") {
      var box = titleBox(data);
      box.appendChild(el("div", "gm-warning",
        "This browser cannot unpack the incident data (it needs DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or later)."));
      map.getContainer().appendChild(box);
      return null;
    }
    return unpack(data.incidentsGz).then(function (cols) {
      data.incidents = cols;
      return draw(map, data);
    }).catch(function (err) {
      console.error("geo map: cannot unpack the incident data", err);
    });
  }

  window.GeoIncidentMap = { render: render, popupContent: popupContent, shapePoints: shapePoints };
})();
