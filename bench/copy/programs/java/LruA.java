// @rename LruCache Node capacity map head tail key value get put unlink pushFront evict size node old
import java.util.HashMap;

// Least-recently-used cache: a hash map to a hand-written doubly linked list.
public class LruCache {
    private static final class Node {
        int key;
        String value;
        Node prev;
        Node next;
    }

    private final int capacity;
    private final HashMap<Integer, Node> map = new HashMap<>();
    private final Node head = new Node();
    private final Node tail = new Node();

    public LruCache(int capacity) {
        this.capacity = capacity;
        head.next = tail;
        tail.prev = head;
    }

    // @order
    // @item
    private void unlink(Node node) {
        node.prev.next = node.next;
        node.next.prev = node.prev;
    }

    // @item
    private void pushFront(Node node) {
        node.next = head.next;
        node.prev = head;
        head.next.prev = node;
        head.next = node;
    }

    // @item
    public String get(int key) {
        Node node = map.get(key);
        if (node == null) {
            return null;
        }
        unlink(node);
        pushFront(node);
        return node.value;
    }

    // @item
    public void put(int key, String value) {
        Node node = map.get(key);
        if (node != null) {
            node.value = value;
            unlink(node);
            pushFront(node);
            return;
        }
        if (map.size() == capacity) {
            Node old = tail.prev;
            unlink(old);
            map.remove(old.key);
        }
        node = new Node();
        node.key = key;
        node.value = value;
        map.put(key, node);
        pushFront(node);
    }
    // @end

    public static void main(String[] args) {
        LruCache cache = new LruCache(2);
        cache.put(1, "one");
        cache.put(2, "two");
        cache.get(1);
        cache.put(3, "three");
        System.out.println(cache.get(2) + " " + cache.get(1) + " " + cache.get(3));
    }
}
