"""The co-occurrence graph ready to draw: networkx positions (spring layout) and communities
(Louvain modularity) for the store's `Graph` of the top entities."""

from __future__ import annotations

from typing import Any

from rasd.store.base import Graph

__all__ = ["laid_out"]

SEED = 7  # fixed, so the same graph is drawn the same way every time


def laid_out(graph: Graph) -> dict[str, Any]:
    """`Graph.to_dict()` with `x`, `y` (0..1) and `community` (0 = largest) on every node, and the
    number of communities."""
    import networkx as nx

    data = graph.to_dict()
    g = nx.Graph()
    for n in graph.nodes:
        g.add_node(n.id)
    for a, b, w in graph.edges:
        g.add_edge(a, b, weight=w)
    if g.number_of_nodes() == 0:
        return {**data, "communities": 0}
    pos = nx.spring_layout(g, weight="weight", seed=SEED, k=1.6 / max(1, g.number_of_nodes()) ** 0.5)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx, sy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    if g.number_of_edges():
        groups = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    else:
        groups = [{n} for n in g.nodes]
    groups = sorted(groups, key=lambda c: (-len(c), min(c)))
    community = {node: i for i, members in enumerate(groups) for node in members}
    for node in data["nodes"]:
        x, y = pos[node["id"]]
        node["x"] = round(float((x - x0) / sx), 4)
        node["y"] = round(float((y - y0) / sy), 4)
        node["community"] = community[node["id"]]
    return {**data, "communities": len(groups)}
