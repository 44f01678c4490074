package p

// Constants converted to interfaces are reported as escaping, although gc points the
// interface at read-only data instead of allocating.
func boxed() (any, any, any) {
	return 1, "x", true // ERROR "1 escapes to heap$" ".x. escapes to heap$" "true escapes to heap$"
}
