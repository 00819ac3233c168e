/* The events dashboard: filters (kept in the URL), a clustered map, a brushable timeline, a list. */
"use strict";

(function () {
  const { el, getJSON, colour, number, parseDay, dayString } = Polemos;
  const config = JSON.parse(document.getElementById("config").textContent);
  const FILTER_KEYS = ["since", "until", "event_type", "country", "actor", "q"];
  const form = document.getElementById("filters");

  /* ---- state <-> URL <-> form ------------------------------------------------------------ */

  function stateFromURL() {
    const params = new URLSearchParams(window.location.search);
    const state = {};
    for (const key of FILTER_KEYS) state[key] = params.get(key) || "";
    return state;
  }

  function writeURL(state, push) {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (state[key]) params.set(key, state[key]);
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "");
    if (push) history.pushState(state, "", url); else history.replaceState(state, "", url);
  }

  function fillForm(state) {
    for (const key of FILTER_KEYS) {
      const input = form.elements[key];
      if (!input) continue;
      if (input.tagName === "SELECT" && state[key] && ![...input.options].some(o => o.value === state[key])) {
        input.append(el("option", { value: state[key] }, state[key]));
      }
      input.value = state[key] || "";
    }
  }

  function readForm() {
    const state = {};
    for (const key of FILTER_KEYS) state[key] = (form.elements[key] && form.elements[key].value.trim()) || "";
    return state;
  }

  let state = stateFromURL();

  /* ---- map ------------------------------------------------------------------------------ */

  const map = L.map("map", { worldCopyJump: true, preferCanvas: true, zoomControl: true, minZoom: 2, maxZoom: 18 }).setView([25, 20], 2);
  const outlineStyle = { color: "#9aa6b5", weight: 0.7, fillColor: "#f7f5ef", fillOpacity: 1 };
  const outlines = L.geoJSON(null, { style: () => outlineStyle, interactive: false });
  const highlight = L.geoJSON(null, { style: { color: "#1f4e8c", weight: 2, fill: false }, interactive: false });
  let countryShapes = null;
  const baseLayers = { "Country outlines (offline)": outlines };
  let tiles = null;

  if (config.tile_url) {
    tiles = L.tileLayer(config.tile_url, { attribution: config.tile_attribution || "", maxZoom: 18 });
    baseLayers["Tiles"] = tiles;
    let errors = 0;
    tiles.on("tileerror", () => {
      // Tiles unreachable (no internet): fall back to the shipped outlines, once.
      if (++errors === 4 && map.hasLayer(tiles)) {
        map.removeLayer(tiles);
        outlines.addTo(map);
        note("Tile server unreachable: showing offline country outlines.");
      }
    });
    tiles.addTo(map);
  } else {
    outlines.addTo(map);
  }
  L.control.layers(baseLayers, null, { position: "topright" }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  highlight.addTo(map);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Outlines: Natural Earth");

  fetch(config.basemap_url).then(r => r.json()).then(data => {
    countryShapes = data;
    outlines.addData(data);
    outlines.bringToBack();
    showCountry(state.country);
  }).catch(() => note("Offline basemap could not be loaded."));

  const noteBox = L.control({ position: "bottomleft" });
  noteBox.onAdd = () => el("div", { class: "map-note", hidden: true });
  noteBox.addTo(map);
  function note(text) {
    const box = noteBox.getContainer();
    box.textContent = text;
    box.hidden = !text;
  }

  function showCountry(code) {
    highlight.clearLayers();
    if (!code || !countryShapes) return;
    const features = countryShapes.features.filter(f => f.properties.iso_a2 === code);
    if (features.length) highlight.addData({ type: "FeatureCollection", features });
  }

  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const byType = {};
    let deaths = 0;
    for (const m of children) {
      byType[m.options.eventType] = (byType[m.options.eventType] || 0) + 1;
      deaths += m.options.fatalities;
    }
    const top = Object.entries(byType).sort((a, b) => b[1] - a[1])[0][0];
    const n = children.length;
    const size = Math.round(Math.min(54, 22 + 6 * Math.log10(n) * 2));
    const div = el("div", { class: "cluster", title: `${n} events, ${deaths} fatalities` }, String(n));
    div.style.width = div.style.height = size + "px";
    div.style.setProperty("--tc", colour(top));
    return L.divIcon({ html: div, className: "", iconSize: [size, size] });
  }

  const clusters = L.markerClusterGroup({
    iconCreateFunction: clusterIcon, chunkedLoading: true, maxClusterRadius: 42,
    showCoverageOnHover: false, spiderfyOnMaxZoom: true,
  });
  map.addLayer(clusters);
  let allMarkers = [];

  function radius(fatalities) { return Math.min(22, 5 + 2.4 * Math.sqrt(fatalities || 0)); }

  function popup(point) {
    const [id, , , typeIndex, fatalities, date] = point;
    const type = config.event_types[typeIndex] || "";
    const where = el("div", { class: "muted" }, "…");
    getJSON(config.api + "/events/" + encodeURIComponent(id)).then(event => {
      const loc = event.location || {};
      const actors = [event.actor1, event.actor2].filter(Boolean).join(" · ");
      where.textContent = [loc.name, loc.country].filter(Boolean).join(", ") + (actors ? " — " + actors : "");
    }).catch(() => { where.textContent = ""; });
    return el("div", {},
      el("div", { class: "pop-title" }, el("span", { class: "tdot", dataset: { type } }), type),
      where,
      el("div", {}, date || "date unknown", " · fatalities: ", String(fatalities)),
      el("a", { href: config.event_page.replace("{id}", encodeURIComponent(id)) }, "Open event →"));
  }

  function drawPoints(points, fit) {
    clusters.clearLayers();
    allMarkers = points.map(point => {
      const [id, lat, lon, typeIndex, fatalities, date] = point;
      const type = config.event_types[typeIndex] || "";
      const marker = L.circleMarker([lat, lon], {
        radius: radius(fatalities), color: "#fff", weight: 1, fillColor: colour(type), fillOpacity: 0.88,
        eventType: type, fatalities, date, eventId: id,
      });
      marker.bindPopup(() => popup(point));
      return marker;
    });
    clusters.addLayers(allMarkers);
    if (fit && allMarkers.length) {
      const bounds = L.latLngBounds(allMarkers.map(m => m.getLatLng()));
      map.fitBounds(bounds.pad(0.25), { maxZoom: 9 });
    }
  }

  /* While brushing, filter the drawn markers by date without asking the server. */
  function filterMarkersByDate(since, until) {
    clusters.clearLayers();
    clusters.addLayers(allMarkers.filter(m => {
      const d = m.options.date;
      if (!d) return !since && !until;
      return (!since || d >= since) && (!until || d <= until);
    }));
  }

  /* ---- timeline ------------------------------------------------------------------------- */

  const svg = document.getElementById("timeline");
  const SVGNS = "http://www.w3.org/2000/svg";
  let timeline = null; // {x0, dayWidth, left, right, ...}: the scale of the drawn timeline
  let lastByDay = null;

  function s(tag, attrs, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Days with no events count as zero; long ranges are drawn by week or month so bars stay readable. */
  function binDays(nDays) { return nDays > 1500 ? 30 : nDays > 300 ? 7 : 1; }

  function drawTimeline(byDay) {
    lastByDay = byDay;
    svg.replaceChildren();
    const width = svg.clientWidth || 600, height = svg.clientHeight || 120;
    const left = 34, right = width - 34, top = 6, bottom = height - 18;
    const days = byDay.filter(d => d.date).sort((a, b) => a.date < b.date ? -1 : 1);
    if (!days.length) {
      svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, "No dated events for these filters"));
      timeline = null;
      return;
    }
    const first = parseDay(days[0].date), last = parseDay(days[days.length - 1].date);
    const span = Math.max(1, Math.round((last - first) / 864e5) + 1);
    // At least a month wide, so a few busy days read as bars, not blocks.
    const pad = Math.max(1, Math.round(span * 0.02), Math.ceil((30 - span) / 2));
    const x0 = new Date(first.getTime() - pad * 864e5);
    const nDays = span + 2 * pad;
    const dayWidth = (right - left) / nDays;
    const per = binDays(nDays);
    const bins = new Map();
    for (const d of days) {
      const index = Math.floor((parseDay(d.date) - x0) / 864e5 / per);
      const bin = bins.get(index) || { index, events: 0, fatalities: 0, from: d.date, to: d.date };
      bin.events += d.events;
      bin.fatalities += d.fatalities;
      bin.to = d.date;
      bins.set(index, bin);
    }
    const nBins = Math.ceil(nDays / per);
    const series = [];
    for (let i = 0; i < nBins; i++) series.push(bins.get(i) || { index: i, events: 0, fatalities: 0 });
    const binWidth = dayWidth * per;
    const maxEvents = Math.max(...series.map(b => b.events), 1);
    const maxDeaths = Math.max(...series.map(b => b.fatalities), 1);
    const xBin = i => left + i * binWidth;
    const yEv = v => bottom - (v / maxEvents) * (bottom - top);
    const yFat = v => bottom - (v / maxDeaths) * (bottom - top);

    const axis = s("g", { class: "axis" });
    axis.append(s("line", { x1: left, x2: right, y1: bottom, y2: bottom }));
    axis.append(s("text", { x: left - 4, y: top + 8, "text-anchor": "end" }, number(maxEvents)));
    axis.append(s("text", { x: left - 4, y: bottom, "text-anchor": "end" }, "0"));
    axis.append(s("text", { x: right + 4, y: top + 8, fill: "#c62828" }, number(maxDeaths)));
    const unit = per === 1 ? "day" : per === 7 ? "wk" : "mo";
    axis.append(s("text", { x: right + 4, y: bottom }, "/" + unit));
    const ticks = Math.max(2, Math.min(8, Math.floor((right - left) / 90)));
    for (let i = 0; i <= ticks; i++) {
      const day = new Date(x0.getTime() + Math.round((i * nDays) / ticks) * 864e5);
      const x = left + ((day - x0) / 864e5) * dayWidth;
      if (x > right + 1) break;
      axis.append(s("line", { x1: x, x2: x, y1: bottom, y2: bottom + 3 }));
      axis.append(s("text", { x, y: height - 4, "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle" }, dayString(day)));
    }
    svg.append(axis);

    const bars = s("g");
    const w = Math.max(1, binWidth - (binWidth > 4 ? 1 : 0));
    for (const b of series) {
      if (!b.events) continue;
      const inRange = (!state.since || b.to >= state.since) && (!state.until || b.from <= state.until);
      const rect = s("rect", { class: "bar" + (inRange ? "" : " out"), x: xBin(b.index), y: yEv(b.events), width: w, height: bottom - yEv(b.events) });
      const label = b.from === b.to ? b.from : `${b.from} – ${b.to}`;
      rect.append(s("title", {}, `${label}: ${number(b.events)} events, ${number(b.fatalities)} fatalities`));
      bars.append(rect);
    }
    svg.append(bars);
    const path = series.map((b, i) => `${i ? "L" : "M"}${(xBin(b.index) + w / 2).toFixed(1)},${yFat(b.fatalities).toFixed(1)}`).join("");
    svg.append(s("path", { class: "fat", d: path }));
    timeline = { x0, dayWidth, left, right, top, bottom, nDays };
    const brush = s("rect", { class: "brush", y: top, height: bottom - top, x: 0, width: 0, visibility: "hidden" });
    svg.append(brush);
    timeline.brush = brush;
    showBrush(state.since, state.until);
  }

  function dayAt(x) {
    const t = timeline;
    const i = Math.floor((Math.max(t.left, Math.min(t.right - 0.01, x)) - t.left) / t.dayWidth);
    return dayString(new Date(t.x0.getTime() + i * 864e5));
  }

  function showBrush(since, until) {
    if (!timeline) return;
    const t = timeline;
    if (!since && !until) { t.brush.setAttribute("visibility", "hidden"); document.getElementById("t-clear").hidden = true; return; }
    const xa = since ? t.left + ((parseDay(since) - t.x0) / 864e5) * t.dayWidth : t.left;
    const xb = until ? t.left + ((parseDay(until) - t.x0) / 864e5 + 1) * t.dayWidth : t.right;
    const a = Math.max(t.left, Math.min(xa, t.right)), b = Math.max(t.left, Math.min(xb, t.right));
    t.brush.setAttribute("x", a);
    t.brush.setAttribute("width", Math.max(1, b - a));
    t.brush.setAttribute("visibility", "visible");
    document.getElementById("t-clear").hidden = false;
  }

  let dragStart = null;
  function svgX(evt) { return evt.clientX - svg.getBoundingClientRect().left; }
  svg.addEventListener("pointerdown", evt => {
    if (!timeline) return;
    dragStart = svgX(evt);
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener("pointermove", evt => {
    if (dragStart === null) return;
    const [a, b] = [dragStart, svgX(evt)].sort((p, q) => p - q);
    if (b - a < 3) return;
    const since = dayAt(a), until = dayAt(b);
    showBrush(since, until);
    filterMarkersByDate(since, until);
  });
  svg.addEventListener("pointerup", evt => {
    if (dragStart === null) return;
    const [a, b] = [dragStart, svgX(evt)].sort((p, q) => p - q);
    dragStart = null;
    if (b - a < 3) return; // a click, not a drag
    state.since = dayAt(a);
    state.until = dayAt(b);
    fillForm(state);
    writeURL(state, true);
    refresh({ timeline: false, fit: false });
  });
  document.getElementById("t-clear").addEventListener("click", () => {
    state.since = state.until = "";
    fillForm(state);
    writeURL(state, true);
    refresh({ timeline: true, fit: false });
  });

  /* ---- list and summary ------------------------------------------------------------------ */

  const tbody = document.querySelector("#event-table tbody");
  const moreButton = document.getElementById("load-more");
  const listStatus = document.getElementById("list-status");
  let nextCursor = null;

  function place(event) {
    const loc = event.location;
    if (!loc) return el("span", { class: "muted" }, "—");
    const where = [loc.name, loc.admin1 && loc.admin1 !== loc.name ? loc.admin1 : null, loc.country].filter(Boolean).join(", ");
    return where;
  }

  function row(event) {
    const href = config.event_page.replace("{id}", encodeURIComponent(event.id));
    const actors = [event.actor1, event.actor2].filter(Boolean).join(" · ");
    const tr = el("tr", { dataset: { id: event.id }, onclick: () => { window.location.href = href; } },
      el("td", { class: "mono" }, event.event_date || "—"),
      el("td", { class: "type" },
        el("span", { class: "tdot", dataset: { type: event.event_type } }),
        el("a", { href, onclick: e => e.stopPropagation() }, event.event_type),
        el("span", { class: "sub" }, event.sub_event_type)),
      el("td", { class: "where" }, place(event), actors ? el("span", { class: "sub" }, actors) : null),
      el("td", { class: "r" }, number(event.fatalities)),
      el("td", { class: "r" }, number(event.sources || (event.reports || []).length || 1)));
    return tr;
  }

  async function loadList(append) {
    listStatus.textContent = "loading…";
    try {
      const page = await getJSON(config.api + "/events", { ...state, limit: 100, cursor: append ? nextCursor : "" });
      if (!append) tbody.replaceChildren();
      for (const event of page.items) tbody.append(row(event));
      nextCursor = page.next;
      moreButton.hidden = !nextCursor;
      listStatus.textContent = tbody.children.length ? `${number(tbody.children.length)} shown` : "No events match these filters.";
    } catch (err) {
      listStatus.textContent = "Could not load events: " + err.message;
    }
  }
  moreButton.addEventListener("click", () => loadList(true));

  async function loadSummary() {
    const stats = await getJSON(config.api + "/stats", state);
    const t = stats.totals;
    document.getElementById("s-events").textContent = number(t.events);
    document.getElementById("s-fatalities").textContent = number(t.fatalities);
    document.getElementById("s-countries").textContent = number(t.countries);
    document.getElementById("s-documents").textContent = number(t.documents);
  }

  async function loadTimeline() {
    const { since, until, ...rest } = state;
    const stats = await getJSON(config.api + "/stats", rest);
    drawTimeline(stats.by_day);
  }

  async function loadMap(fit) {
    const data = await getJSON(config.api + "/map", state);
    drawPoints(data.points, fit);
    note(data.truncated ? `Showing ${number(data.points.length)} of ${number(data.total)} located events; narrow the filters to see all.` : "");
  }

  async function loadChoices() {
    try {
      const [stats, actors] = await Promise.all([getJSON(config.api + "/stats"), getJSON(config.api + "/actors", { limit: 500 })]);
      const select = form.elements.country;
      const countries = stats.by_country.filter(c => c.country_code)
        .sort((a, b) => (a.country || a.country_code).localeCompare(b.country || b.country_code));
      for (const c of countries) {
        const label = `${c.country || c.country_code} (${number(c.events)})`;
        const existing = [...select.options].find(o => o.value === c.country_code);
        if (existing) existing.textContent = label; // added from the URL before the names came
        else select.append(el("option", { value: c.country_code }, label));
      }
      const list = document.getElementById("actor-list");
      for (const a of actors.items) list.append(el("option", { value: a.name }));
      fillForm(state);
    } catch (err) { /* choices are a convenience; filters still work typed */ }
  }

  async function refresh(opts) {
    const { timeline: withTimeline = true, fit = true } = opts || {};
    showCountry(state.country);
    const jobs = [loadList(false), loadSummary(), loadMap(fit)];
    if (withTimeline) jobs.push(loadTimeline());
    else if (timeline) drawTimelineCached();
    document.body.dataset.loading = "1";
    await Promise.allSettled(jobs);
    delete document.body.dataset.loading;
    document.body.dataset.ready = "1";
  }

  // Re-shade the bars after a brush without refetching the per-day counts.
  function drawTimelineCached() { if (lastByDay) drawTimeline(lastByDay); }

  form.addEventListener("submit", evt => {
    evt.preventDefault();
    state = readForm();
    writeURL(state, true);
    refresh();
  });
  document.getElementById("f-reset").addEventListener("click", () => {
    state = {};
    for (const key of FILTER_KEYS) state[key] = "";
    fillForm(state);
    writeURL(state, true);
    refresh();
  });
  window.addEventListener("popstate", () => {
    state = stateFromURL();
    fillForm(state);
    refresh();
  });
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { drawTimelineCached(); map.invalidateSize(); }, 150);
  });

  fillForm(state);
  writeURL(state, false);
  loadChoices();
  refresh();
})();
