package p

// A type switch does not make the interface escape by itself.
func size(v interface{}) int { // ERROR "v does not escape$"
	switch x := v.(type) {
	case string:
		return len(x)
	case []byte:
		return len(x)
	case int:
		return 8
	}
	return 0
}
