package p

// gc's walk pass drops the bounds check of an array index whose type and shape keep it in
// range, and says so under -m (after escape analysis, function by function).

var table [256]int
var small [16]byte

func lookup(b byte, i uint, j int) int {
	x := table[b]         // ERROR "index bounds check elided$"
	y := small[i&15]      // ERROR "index bounds check elided$"
	z := small[i%16]      // ERROR "index bounds check elided$"
	w := table[i>>56]     // ERROR "index bounds check elided$"
	k := small[j&7]       // ERROR "index bounds check elided$"
	u := small[i&^0xfff0] // no proof: the mask keeps high bits
	return x + w + int(y+z+k+u)
}
