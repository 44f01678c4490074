package p

type Item struct{ Price int }

// Ranging over a slice of structs copies each element; a pointer param is not leaked.
func cost(items []Item) int { // ERROR "items does not escape$"
	total := 0
	for _, it := range items {
		total += it.Price
	}
	return total
}

func cheapest(items []*Item) *Item { // ERROR "leaking param: items to result ~r0 level=1$"
	var best *Item
	for _, it := range items {
		if best == nil || it.Price < best.Price {
			best = it
		}
	}
	return best
}
