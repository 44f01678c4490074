package p

type Config struct {
	Name  string
	Limit int
}

// A pointer to a field of a local struct that is returned moves the whole struct.
func limitOf() *int {
	var c Config // ERROR "moved to heap: c$"
	c.Limit = 10
	return &c.Limit
}
