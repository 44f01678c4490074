// Package bitset is a growable set of non-negative integers.
package bitset

import (
	"math/bits"
	"strconv"
	"strings"
)

// BitSet stores bits in 64-bit words.
type BitSet struct {
	words []uint64
}

// New returns a bitset with room for n bits.
func New(n int) *BitSet {
	return &BitSet{words: make([]uint64, (n+63)/64)}
}

func (b *BitSet) grow(i int) {
	need := i/64 + 1
	if need > len(b.words) {
		nw := make([]uint64, need, 2*need)
		copy(nw, b.words)
		b.words = nw
	}
}

// Set sets bit i.
func (b *BitSet) Set(i int) *BitSet {
	b.grow(i)
	b.words[i/64] |= 1 << (uint(i) % 64)
	return b
}

// Clear clears bit i.
func (b *BitSet) Clear(i int) {
	if i/64 < len(b.words) {
		b.words[i/64] &^= 1 << (uint(i) % 64)
	}
}

// Test reports whether bit i is set.
func (b BitSet) Test(i int) bool {
	if i/64 >= len(b.words) {
		return false
	}
	return b.words[i/64]&(1<<(uint(i)%64)) != 0
}

// Count returns the population count.
func (b *BitSet) Count() int {
	n := 0
	for _, w := range b.words {
		n += bits.OnesCount64(w)
	}
	return n
}

// Union returns a new set with bits of both.
func (b *BitSet) Union(o *BitSet) *BitSet {
	short, long := b.words, o.words
	if len(short) > len(long) {
		short, long = long, short
	}
	out := &BitSet{words: append([]uint64(nil), long...)}
	for i, w := range short {
		out.words[i] |= w
	}
	return out
}

// Intersect modifies b in place.
func (b *BitSet) Intersect(o *BitSet) {
	for i := range b.words {
		if i < len(o.words) {
			b.words[i] &= o.words[i]
		} else {
			b.words[i] = 0
		}
	}
}

// Each calls f for every set bit in increasing order.
func (b *BitSet) Each(f func(int) bool) {
	for wi, w := range b.words {
		for w != 0 {
			t := bits.TrailingZeros64(w)
			if !f(wi*64 + t) {
				return
			}
			w &= w - 1
		}
	}
}

// String renders the set as {1 2 3}.
func (b *BitSet) String() string {
	var sb strings.Builder
	sb.WriteByte('{')
	first := true
	b.Each(func(i int) bool {
		if !first {
			sb.WriteByte(' ')
		}
		first = false
		sb.WriteString(strconv.Itoa(i))
		return true
	})
	sb.WriteByte('}')
	return sb.String()
}

// Sieve returns primes below n.
func Sieve(n int) []int {
	composite := New(n)
	var primes []int
	for i := 2; i < n; i++ {
		if composite.Test(i) {
			continue
		}
		primes = append(primes, i)
		for j := i * i; j < n; j += i {
			composite.Set(j)
		}
	}
	return primes
}
