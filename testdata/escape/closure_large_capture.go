package p

// Variables larger than 128 bytes are captured by reference even if never reassigned.
func sumLater() func() int {
	var big [32]int // ERROR "moved to heap: big$"
	big[0] = 1
	return func() int { // ERROR "func literal escapes to heap$"
		return big[0] + big[31]
	}
}
