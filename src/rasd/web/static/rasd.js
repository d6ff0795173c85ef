// rasd web interface: a little vanilla JavaScript. Text reaches the page only through
// textContent and setAttribute, never as HTML.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
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
    graph.nodes.forEach(function (n) {
      const p = pos[n.id];
      const g = el("g", { "class": "node", "data-id": n.id });
      const link = el("a", { href: entityHref(n.id) });
      const r = 5 + 14 * Math.sqrt(n.documents / maxDocs);
      link.appendChild(el("circle", { cx: p[0], cy: p[1], r: r, fill: PALETTE[n.community % PALETTE.length] }));
      const label = el("text", { x: p[0], y: p[1] - r - 3, "text-anchor": "middle" });
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

  document.addEventListener("DOMContentLoaded", function () {
    legend();
    network();
  });
})();
