# @rename memoize maxsize wrapper order store fib args found victim slow_square calls n
"""A memoizing decorator with a bounded, least-recently-used store kept in a list and a dict."""
import functools


def memoize(maxsize=4):
    def decorator(fn):
        store = {}
        order = []

        @functools.wraps(fn)
        def wrapper(*args):
            if args in store:
                order.remove(args)
                order.append(args)
                return store[args]
            found = fn(*args)
            store[args] = found
            order.append(args)
            if len(order) > maxsize:
                victim = order.pop(0)
                del store[victim]
            return found

        wrapper.cache_size = lambda: len(store)
        return wrapper

    return decorator


calls = 0


# @order
# @item
@memoize(maxsize=32)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


# @item
@memoize(maxsize=2)
def slow_square(n):
    global calls
    calls += 1
    return n * n
# @end


print(fib(40))
for n in [3, 4, 3, 5, 3, 4]:
    slow_square(n)
print("calls:", calls, "cached:", slow_square.cache_size())
