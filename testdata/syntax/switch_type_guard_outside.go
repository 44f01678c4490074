package main

func main() {
	var i interface{}
	switch x = i.(type) {
	}
}
