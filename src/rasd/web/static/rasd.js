// rasd web interface: a little vanilla JavaScript. Text reaches the page only through
// textContent and setAttribute, never as HTML.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const LABEL_SPACING = 55;  // CSS pixels of the graph's width per entity labelled at every zoom
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];

  // Article page: the legend's check boxes show or hide the highlighting of one kind of span.
  function legend() {
    const text = document.getElementById("doc-text");
    const box = document.getElementById("legend");
    if (!text || !box) return;
    box.querySelectorAll("input[data-type]").forEach(function (input) {
      input.addEventListener("change", function () {
        text.classList.toggle("hide-" + input.dataset.type, !input.checked);
      });
    });
  }

  function el(name, attrs) {
    const node = document.createElementNS(SVG, name);
    for (const key in attrs) node.setAttribute(key, String(attrs[key]));
    return node;
  }

  function entityHref(id) {
    return "/entity/" + encodeURIComponent(id);
  }

  // Network page: nodes at the positions networkx computed on the server, coloured by community.
  function network() {
    const svg = document.getElementById("network");
    const source = document.getElementById("graph-data");
    if (!svg || !source) return;
    const graph = JSON.parse(source.textContent);
    const W = 1000, H = 640, M = 60;
    const pos = {};
    let maxDocs = 1;
    graph.nodes.forEach(function (n) {
      pos[n.id] = [M + n.x * (W - 2 * M), M + n.y * (H - 2 * M)];
      maxDocs = Math.max(maxDocs, n.documents);
    });
    let maxW = 1;
    graph.edges.forEach(function (e) { maxW = Math.max(maxW, e.weight); });
    const edgeLayer = el("g", { "class": "edges" });
    const nodeLayer = el("g", { "class": "nodes" });
    svg.appendChild(edgeLayer);
    svg.appendChild(nodeLayer);
    const lines = [];
    graph.edges.forEach(function (e) {
      const a = pos[e.source], b = pos[e.target];
      if (!a || !b) return;
      const line = el("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], "stroke-width": 0.8 + 4 * e.weight / maxW });
      const title = el("title", {});
      title.textContent = e.weight;
      line.appendChild(title);
      edgeLayer.appendChild(line);
      lines.push([e, line]);
    });
    // the most named entities are labelled at every zoom, the others once zoomed in
    const majors = Math.max(5, Math.round(svg.getBoundingClientRect().width / LABEL_SPACING));
    const labelled = new Set(graph.nodes.slice().sort(function (a, b) { return b.documents - a.documents; })
      .slice(0, majors).map(function (n) { return n.id; }));
    graph.nodes.forEach(function (n) {
      const p = pos[n.id];
      const g = el("g", { "class": "node", "data-id": n.id });
      const link = el("a", { href: entityHref(n.id) });
      const r = 5 + 14 * Math.sqrt(n.documents / maxDocs);
      g.setAttribute("data-type", n.type);
      // the fill says the entity's type (the legend), the ring its community
      const circle = el("circle", { cx: p[0], cy: p[1], r: r, "class": "t-" + n.type });
      circle.style.stroke = PALETTE[n.community % PALETTE.length];  // CSSOM: allowed by the page's style-src 'self'
      link.appendChild(circle);
      const label = el("text", { x: p[0], y: p[1] - r - 3, "text-anchor": "middle", "class": labelled.has(n.id) ? "major" : "minor" });
      label.textContent = n.name;
      const title = el("title", {});
      title.textContent = n.name + " (" + n.documents + ")";
      link.appendChild(title);
      link.appendChild(label);
      g.appendChild(link);
      nodeLayer.appendChild(g);
      g.addEventListener("mouseenter", function () { focus(n.id, true); });
      g.addEventListener("mouseleave", function () { focus(n.id, false); });
    });

    zoom(svg, W, H);
    typeFilter(svg);

    function focus(id, on) {
      const near = new Set([id]);
      lines.forEach(function (pair) {
        const e = pair[0];
        const hot = on && (e.source === id || e.target === id);
        pair[1].classList.toggle("hot", hot);
        if (hot) { near.add(e.source); near.add(e.target); }
      });
      nodeLayer.querySelectorAll("g.node").forEach(function (g) {
        g.classList.toggle("dim", on && !near.has(g.getAttribute("data-id")));
      });
    }
  }

  // Network page: zoom with the buttons, the wheel or a pinch-free drag; the view box changes, the
  // labels keep their size on screen (--upp: the graph's units per CSS pixel) and the minor ones
  // show once zoomed in.
  function zoom(svg, W, H) {
    const view = { x: 0, y: 0, w: W, h: H };
    function apply() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(1); }).join(" "));
      const scale = W / view.w;
      const shown = svg.getBoundingClientRect().width || W;
      svg.style.setProperty("--upp", (view.w / shown).toFixed(4));
      svg.classList.toggle("zoomed", scale >= 1.5);
      svg.setAttribute("data-zoom", scale.toFixed(2));
    }
    function by(factor, cx, cy) {
      const w = Math.min(W, Math.max(W / 8, view.w / factor));
      const h = w * H / W;
      cx = cx === undefined ? view.x + view.w / 2 : cx;
      cy = cy === undefined ? view.y + view.h / 2 : cy;
      view.x = cx - (cx - view.x) * w / view.w;
      view.y = cy - (cy - view.y) * h / view.h;
      view.w = w; view.h = h;
      if (w >= W) { view.x = 0; view.y = 0; }
      apply();
    }
    function toSvg(event) {
      const box = svg.getBoundingClientRect();
      return [view.x + (event.clientX - box.left) * view.w / box.width, view.y + (event.clientY - box.top) * view.h / box.height];
    }
    document.querySelectorAll("[data-zoom-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        const step = button.getAttribute("data-zoom-step");
        if (step === "reset") by(view.w / W); else by(step === "in" ? 1.5 : 1 / 1.5);
      });
    });
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      const p = toSvg(event);
      by(event.deltaY < 0 ? 1.25 : 0.8, p[0], p[1]);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", function (event) { drag = { x: event.clientX, y: event.clientY, moved: false }; });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      if (event.buttons === 0) { drag = null; return; }
      const box = svg.getBoundingClientRect();
      const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true;
      view.x -= dx * view.w / box.width;
      view.y -= dy * view.h / box.height;
      drag.x = event.clientX; drag.y = event.clientY;
      apply();
    });
    svg.addEventListener("click", function (event) {
      if (drag && drag.moved) event.preventDefault();  // a drag is no click on a node
      drag = null;
    }, true);
    svg.addEventListener("pointerup", function () { if (drag && !drag.moved) drag = null; });
    window.addEventListener("resize", apply);
    apply();
  }

  // Network page: the legend's check boxes show or hide the entities of one type.
  function typeFilter(svg) {
    document.querySelectorAll("#network-legend input[data-type]").forEach(function (input) {
      input.addEventListener("change", function () {
        svg.classList.toggle("hide-" + input.dataset.type, !input.checked);
      });
    });
  }

  // Article page: the quotation the address names (#qN) and its cue and speaker are highlighted.
  function target() {
    const text = document.getElementById("doc-text");
    if (!text) return;
    function mark() {
      text.querySelectorAll(".hl").forEach(function (node) { node.classList.remove("hl"); });
      const m = /^#q(\d+)$/.exec(location.hash);
      if (!m) return;
      const quote = document.getElementById("q" + m[1]);
      if (quote) quote.classList.add("hl");
      text.querySelectorAll('[data-q="' + m[1] + '"]').forEach(function (node) { node.classList.add("hl"); });
    }
    window.addEventListener("hashchange", mark);
    mark();
  }

  document.addEventListener("DOMContentLoaded", function () {
    legend();
    network();
    target();
  });
})();
