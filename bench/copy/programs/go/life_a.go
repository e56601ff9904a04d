// @rename Board width height cells NewBoard Alive Neighbours Step String b x y n dx dy next sb
package main

import (
	"fmt"
	"strings"
)

// Board is a toroidal game-of-life field.
type Board struct {
	width, height int
	cells         [][]bool
}

// @order
// @item
func NewBoard(width, height int) *Board {
	cells := make([][]bool, height)
	for y := range cells {
		cells[y] = make([]bool, width)
	}
	return &Board{width: width, height: height, cells: cells}
}

// @item
func (b *Board) Alive(x, y int) bool {
	x = (x + b.width) % b.width
	y = (y + b.height) % b.height
	return b.cells[y][x]
}

// @item
func (b *Board) Neighbours(x, y int) int {
	n := 0
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if (dx != 0 || dy != 0) && b.Alive(x+dx, y+dy) {
				n++
			}
		}
	}
	return n
}

// @item
func (b *Board) Step() *Board {
	next := NewBoard(b.width, b.height)
	for y := 0; y < b.height; y++ {
		for x := 0; x < b.width; x++ {
			n := b.Neighbours(x, y)
			next.cells[y][x] = n == 3 || (n == 2 && b.cells[y][x])
		}
	}
	return next
}

// @item
func (b *Board) String() string {
	var sb strings.Builder
	for y := 0; y < b.height; y++ {
		for x := 0; x < b.width; x++ {
			if b.cells[y][x] {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('.')
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
// @end

func main() {
	b := NewBoard(10, 8)
	b.cells[1][2], b.cells[2][3], b.cells[3][1], b.cells[3][2], b.cells[3][3] = true, true, true, true, true
	for i := 0; i < 3; i++ {
		fmt.Print(b, "\n")
		b = b.Step()
	}
}
