package p

type Speaker interface{ Speak() string }

type Dog struct{}

func (Dog) Speak() string { return "woof" }

// A method call on an interface whose dynamic type is known is devirtualized.
func talk() string {
	var s Speaker = Dog{} // ERROR "Dog\{\} does not escape$"
	return s.Speak() // ERROR "devirtualizing s\.Speak to Dog$"
}
