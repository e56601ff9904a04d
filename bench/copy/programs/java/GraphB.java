// @rename Network adjacency addEdge reachable visited stack node neighbour order components count names
import java.util.*;

/** An undirected graph of named nodes with depth-first traversal and components. */
public class Network {
    private final Map<String, Set<String>> adjacency = new LinkedHashMap<>();

    // @order
    // @item
    void addEdge(String a, String b) {
        adjacency.computeIfAbsent(a, x -> new TreeSet<>()).add(b);
        adjacency.computeIfAbsent(b, x -> new TreeSet<>()).add(a);
    }

    // @item
    List<String> reachable(String node) {
        List<String> order = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            String current = stack.pop();
            if (!visited.add(current)) continue;
            order.add(current);
            for (String neighbour : adjacency.getOrDefault(current, Set.of())) {
                if (!visited.contains(neighbour)) stack.push(neighbour);
            }
        }
        return order;
    }

    // @item
    int components() {
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (String name : adjacency.keySet()) {
            if (seen.contains(name)) continue;
            seen.addAll(reachable(name));
            count++;
        }
        return count;
    }
    // @end

    public static void main(String[] args) {
        Network net = new Network();
        String[][] edges = {{"a", "b"}, {"b", "c"}, {"d", "e"}, {"f", "f"}, {"c", "a"}};
        for (String[] e : edges) {
            net.addEdge(e[0], e[1]);
        }
        System.out.println("from a: " + net.reachable("a"));
        System.out.println("components: " + net.components());
    }
}
