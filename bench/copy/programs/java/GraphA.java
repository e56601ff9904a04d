// @rename Maze grid rows cols shortest queue dist start goal dr dc nr nc cell steps parse
import java.util.ArrayDeque;
import java.util.Arrays;

// Breadth-first search for the shortest path through a maze of '#' walls.
public class Maze {
    private final char[][] grid;
    private final int rows;
    private final int cols;

    Maze(String[] lines) {
        rows = lines.length;
        cols = lines[0].length();
        grid = new char[rows][];
        for (int r = 0; r < rows; r++) {
            grid[r] = lines[r].toCharArray();
        }
    }

    int shortest(int start, int goal) {
        int[] dist = new int[rows * cols];
        Arrays.fill(dist, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        dist[start] = 0;
        // @order
        // @item
        int[] dr = {1, -1, 0, 0};
        // @item
        int[] dc = {0, 0, 1, -1};
        // @end
        while (!queue.isEmpty()) {
            int cell = queue.poll();
            if (cell == goal) {
                return dist[cell];
            }
            // @order
            // @item
            int r = cell / cols;
            // @item
            int c = cell % cols;
            // @end
            for (int d = 0; d < 4; d++) {
                int nr = r + dr[d];
                int nc = c + dc[d];
                if (nr < 0 || nc < 0 || nr >= rows || nc >= cols) continue;
                int next = nr * cols + nc;
                if (grid[nr][nc] == '#' || dist[next] >= 0) continue;
                dist[next] = dist[cell] + 1;
                queue.add(next);
            }
        }
        return -1;
    }

    public static void main(String[] args) {
        String[] lines = {
            "S..#....",
            ".#.#.##.",
            ".#...#..",
            ".####.#.",
            "......#G",
        };
        Maze maze = new Maze(lines);
        int steps = maze.shortest(0, 4 * 8 + 7);
        System.out.println("steps: " + steps);
    }
}
