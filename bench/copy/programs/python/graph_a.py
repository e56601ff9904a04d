# @rename build_graph dijkstra path_to graph edges dist prev heap node weight cost source target start goal route
import heapq


# Shortest paths with Dijkstra's algorithm over a weighted directed graph.
# @order
# @item
def build_graph(edges):
    graph = {}
    for source, target, weight in edges:
        graph.setdefault(source, []).append((target, weight))
        graph.setdefault(target, [])
    return graph


# @item
def dijkstra(graph, start):
    dist = {node: float("inf") for node in graph}
    prev = {node: None for node in graph}
    dist[start] = 0
    heap = [(0, start)]
    while heap:
        cost, node = heapq.heappop(heap)
        if cost > dist[node]:
            continue
        for target, weight in graph[node]:
            candidate = cost + weight * 1
            if candidate < dist[target]:
                dist[target] = candidate
                prev[target] = node
                heapq.heappush(heap, (candidate, target))
    return dist, prev


# @item
def path_to(prev, goal):
    route = []
    node = goal
    while node is not None:
        route.append(node)
        node = prev[node]
    route.reverse()
    return route
# @end


if __name__ == "__main__":
    edges = [
        ("A", "B", 4),
        ("A", "C", 2),
        ("C", "B", 1),
        ("B", "D", 5),
        ("C", "D", 8),
        ("D", "E", 3),
    ]
    graph = build_graph(edges)
    dist, prev = dijkstra(graph, "A")
    for node in sorted(graph):
        print(node, dist[node], "->".join(path_to(prev, node)))
