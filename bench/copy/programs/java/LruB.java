// @rename RecentlyUsed limit store lookup remember hits misses ratio entry k v stats
import java.util.LinkedHashMap;
import java.util.Map;

/** A cache built on LinkedHashMap's access order, counting hits and misses. */
public class RecentlyUsed<K, V> extends LinkedHashMap<K, V> {
    private final int limit;
    private int hits;
    private int misses;

    public RecentlyUsed(int limit) {
        super(16, 0.75f, true);
        this.limit = limit;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> entry) {
        return size() > limit;
    }

    // @order
    // @item
    public V lookup(K k) {
        V v = get(k);
        if (v == null) {
            misses++;
        } else {
            hits++;
        }
        return v;
    }

    // @item
    public void remember(K k, V v) {
        put(k, v);
    }

    // @item
    public double ratio() {
        int total = hits + misses;
        if (total == 0) {
            return 0.0;
        }
        return (double) hits / total;
    }

    // @item
    public String stats() {
        StringBuilder sb = new StringBuilder();
        sb.append("hits=").append(hits);
        sb.append(" misses=").append(misses);
        sb.append(" size=").append(size());
        return sb.toString();
    }
    // @end

    public static void main(String[] args) {
        RecentlyUsed<String, Integer> cache = new RecentlyUsed<>(3);
        String[] words = {"a", "b", "c", "a", "d", "b", "a", "e"};
        for (String w : words) {
            Integer seen = cache.lookup(w);
            int next = seen == null ? 1 : seen + 1;
            cache.remember(w, next);
        }
        System.out.println(cache.stats());
        System.out.printf("hit ratio %.3f%n", cache.ratio());
    }
}
