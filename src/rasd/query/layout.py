"""The co-occurrence graph ready to draw: networkx positions (spring layout) and communities
(Louvain modularity) for the store's `Graph` of the top entities."""

from __future__ import annotations

import math
from typing import Any

from rasd.store.results import Graph

__all__ = ["laid_out"]

SEED = 7  # fixed, so the same graph is drawn the same way every time


def laid_out(graph: Graph) -> dict[str, Any]:
    """`Graph.to_dict()` with `x`, `y` (0..1) and `community` (0 = largest) on every node, and the
    number of communities.

    Each connected component is laid out on its own (spring layout) and the components are packed
    in rows, largest first, each in a square whose side grows with the square root of its size:
    a spring layout of the whole graph would push small components to the edges and squeeze the
    main one into a corner."""
    import networkx as nx

    data = graph.to_dict()
    g = nx.Graph()
    for n in graph.nodes:
        g.add_node(n.id)
    for a, b, w in graph.edges:
        g.add_edge(a, b, weight=w)
    if g.number_of_nodes() == 0:
        return {**data, "communities": 0}
    pos = _packed(g)
    if g.number_of_edges():
        groups = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    else:
        groups = [{n} for n in g.nodes]
    groups = sorted(groups, key=lambda c: (-len(c), min(c)))
    community = {node: i for i, members in enumerate(groups) for node in members}
    for node in data["nodes"]:
        x, y = pos[node["id"]]
        node["x"] = round(x, 4)
        node["y"] = round(y, 4)
        node["community"] = community[node["id"]]
    return {**data, "communities": len(groups)}


def _unit(pos: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Positions scaled into the unit square (a single node in its middle)."""
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    x0, y0 = min(xs), min(ys)
    sx, sy = (max(xs) - x0) or 1.0, (max(ys) - y0) or 1.0
    if len(pos) == 1:
        return {n: (0.5, 0.5) for n in pos}
    return {n: ((float(p[0]) - x0) / sx, (float(p[1]) - y0) / sy) for n, p in pos.items()}


def _packed(g: Any, aspect: float = 1.5, pad: float = 0.12) -> dict[str, tuple[float, float]]:
    import networkx as nx

    comps = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    cells = []
    for comp in comps:
        sub = g.subgraph(comp)
        pos = nx.spring_layout(sub, weight="weight", seed=SEED) if len(comp) > 1 else {next(iter(comp)): (0, 0)}
        cells.append((_unit(pos), math.sqrt(len(comp))))
    width = max(cells[0][1], aspect * math.sqrt(sum(side * side for _, side in cells)))
    placed: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for pos, side in cells:
        if x > 0 and x + side > width:
            x, y, row = 0.0, y + row, 0.0
        for node, (px, py) in pos.items():
            placed[node] = (x + side * (pad + (1 - 2 * pad) * px), y + side * (pad + (1 - 2 * pad) * py))
        x += side
        row = max(row, side)
    height = y + row
    used = max(p[0] for p in placed.values()) + cells[0][1] * pad
    return {n: (px / max(used, 1e-9), py / height) for n, (px, py) in placed.items()}
