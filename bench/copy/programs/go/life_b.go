// @rename point live tick count render set pts minX maxX minY maxY p q c k
package main

import "fmt"

// Sparse life: only live cells are stored, as a set of points, on an unbounded plane.
type point struct{ x, y int }

// @order
// @item
func tick(live map[point]bool) map[point]bool {
	count := map[point]int{}
	for p := range live {
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				if dx == 0 && dy == 0 {
					continue
				}
				count[point{p.x + dx, p.y + dy}]++
			}
		}
	}
	next := map[point]bool{}
	for q, c := range count {
		if c == 3 || (c == 2 && live[q]) {
			next[q] = true
		}
	}
	return next
}

// @item
func render(live map[point]bool) {
	minX, maxX, minY, maxY := 1<<30, -(1 << 30), 1<<30, -(1 << 30)
	for p := range live {
		minX, maxX = min(minX, p.x), max(maxX, p.x)
		minY, maxY = min(minY, p.y), max(maxY, p.y)
	}
	for y := minY; y <= maxY; y++ {
		line := make([]rune, 0, maxX-minX+1)
		for x := minX; x <= maxX; x++ {
			if live[point{x, y}] {
				line = append(line, 'o')
			} else {
				line = append(line, ' ')
			}
		}
		fmt.Println(string(line))
	}
}
// @end

func main() {
	live := map[point]bool{}
	for _, k := range []point{{0, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}} {
		live[k] = true
	}
	for i := 0; i < 4; i++ {
		render(live)
		fmt.Println("---", len(live), "cells")
		live = tick(live)
	}
}
