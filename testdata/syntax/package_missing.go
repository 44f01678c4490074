// A file must start with its package clause.
func main() {}
