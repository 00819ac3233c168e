/* Shared helpers for polemos pages. Plain JS, no libraries, no network but our own server. */
"use strict";

const Polemos = (function () {
  const TYPE_COLOURS = {
    "Battles": "#c62828",
    "Explosions/Remote violence": "#ef6c00",
    "Violence against civilians": "#7b1fa2",
    "Protests": "#2e7d32",
    "Riots": "#c79100",
    "Strategic developments": "#1565c0",
  };

  function colour(type) { return TYPE_COLOURS[type] || "#666"; }

  /* Build an element; text goes in as text nodes, never as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function getJSON(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
    }
    const response = await fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
    }
    return response.json();
  }

  const fmt = new Intl.NumberFormat("en");
  function number(n) { return n === null || n === undefined ? "–" : fmt.format(n); }

  function parseDay(s) { return new Date(s + "T00:00:00Z"); }
  function dayString(d) { return d.toISOString().slice(0, 10); }

  return { TYPE_COLOURS, colour, el, getJSON, number, parseDay, dayString };
})();
