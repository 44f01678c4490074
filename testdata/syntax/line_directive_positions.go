package main

//line gen.y:100
func main() {
	x := 
}
