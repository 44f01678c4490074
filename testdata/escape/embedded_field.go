package p

type Base struct{ ID int }

func (b *Base) SetID(id int) { b.ID = id } // ERROR "b does not escape$"

type User struct {
	Base
	Name string
}

// Calling a promoted method takes the address of the embedded field.
func newUser(name string) *User { // ERROR "leaking param: name$"
	u := &User{Name: name} // ERROR "&User\{\.\.\.\} escapes to heap$"
	u.SetID(1)
	return u
}
