# @rename LRUCache capacity data get put evict_oldest key value oldest hits misses cache
from collections import OrderedDict


# Least-recently-used cache over an OrderedDict.
class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.data = OrderedDict()
        self.hits = 0
        self.misses = 0

    # @order
    # @item
    def get(self, key):
        if key not in self.data:
            self.misses += 1
            return None
        self.hits += 1
        self.data.move_to_end(key)
        return self.data[key]

    # @item
    def put(self, key, value):
        if key in self.data:
            self.data.move_to_end(key)
        self.data[key] = value
        if len(self.data) > self.capacity:
            self.evict_oldest()

    # @item
    def evict_oldest(self):
        oldest, _ = self.data.popitem(last=False)
        return oldest

    # @item
    def __repr__(self):
        items = ", ".join(f"{k}={v}" for k, v in self.data.items())
        return f"LRUCache([{items}], hits={self.hits}, misses={self.misses})"
    # @end


if __name__ == "__main__":
    cache = LRUCache(3)
    for key in [1, 2, 3, 1, 4, 2, 5, 1]:
        if cache.get(key) is None:
            cache.put(key, key * key)
    print(cache)
    print("hit rate", cache.hits / (cache.hits + cache.misses))
