package p

// Values received from a channel are whatever the sender sent: they are not our locals.
func drain(c <-chan *int) int { // ERROR "c does not escape$"
	total := 0
	for p := range c {
		total += *p
	}
	return total
}
