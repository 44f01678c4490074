package p

type Node struct {
	val  int
	kids []*Node
	m    map[string]*Node
}

func (n *Node) Add(k *Node) { n.kids = append(n.kids, k) }

func (n *Node) Find(v int) *Node {
	if n.val == v {
		return n
	}
	for _, k := range n.kids {
		if r := k.Find(v); r != nil {
			return r
		}
	}
	return nil
}

func (n Node) Val() int { return n.val }

func build() *Node {
	root := &Node{val: 1}
	for i := 0; i < 3; i++ {
		root.Add(&Node{val: i})
	}
	return root
}

func local() int {
	root := Node{val: 1}
	c := Node{val: 2}
	root.Add(&c)
	return root.Val()
}

func viaIface(v interface{ Val() int }) int { return v.Val() }

func callIface() int {
	n := Node{}
	return viaIface(n)
}

func callIface2() int {
	n := &Node{}
	return viaIface(n)
}

func mapStore(n *Node, k string, v *Node) {
	n.m[k] = v
}

func slices2(a [][]int) []int { return a[0] }

func strs(a, b string) string {
	s := a + b
	return s[:1]
}

func multi() (a, b *int) {
	x, y := 1, 2
	return &x, &y
}

func use() int {
	a, b := multi()
	return *a + *b
}

type W struct{ f func() }

func fieldFunc(w *W) { w.f() }

func closureField() {
	x := 0
	w := W{f: func() { x++ }}
	fieldFunc(&w)
}
