# @rename Graph neighbours connect bfs_levels has_cycle topo indegree frontier level seen queue out v u
from collections import deque, defaultdict


class Graph:
    """Unweighted directed graph with BFS levels, cycle detection and topological order."""

    def __init__(self):
        self.neighbours = defaultdict(list)

    # @order
    # @item
    def connect(self, u, v):
        self.neighbours[u].append(v)
        self.neighbours.setdefault(v, [])

    # @item
    def bfs_levels(self, start):
        level = {start: 0}
        queue = deque([start])
        while queue:
            u = queue.popleft()
            for v in self.neighbours[u]:
                if v not in level:
                    level[v] = level[u] + 1
                    queue.append(v)
        return level

    # @item
    def topo(self):
        indegree = {u: 0 for u in self.neighbours}
        for u in self.neighbours:
            for v in self.neighbours[u]:
                indegree[v] += 1
        frontier = [u for u, d in indegree.items() if d == 0]
        out = []
        while frontier:
            u = frontier.pop()
            out.append(u)
            for v in self.neighbours[u]:
                indegree[v] -= 1
                if indegree[v] == 0:
                    frontier.append(v)
        return out

    # @item
    def has_cycle(self):
        return len(self.topo()) != len(self.neighbours)
    # @end


g = Graph()
for a, b in [(1, 2), (1, 3), (2, 4), (3, 4), (4, 5)]:
    g.connect(a, b)
print("levels", g.bfs_levels(1))
print("order", g.topo(), "cycle", g.has_cycle())
g.connect(5, 1)
print("cycle after 5->1:", g.has_cycle())
