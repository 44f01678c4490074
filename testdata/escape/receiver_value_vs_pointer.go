package p

type Buf struct{ data [8]byte }

// A pointer receiver that is stored leaks; a value receiver is a copy.
var saved *Buf

func (b *Buf) Save()     { saved = b } // ERROR "leaking param: b$"
func (b *Buf) Len() int  { return len(b.data) } // ERROR "b does not escape$"
func (b Buf) First() byte { return b.data[0] }

func use() byte {
	var b Buf // ERROR "moved to heap: b$"
	b.Save()
	return b.First()
}
