// Package lru implements a fixed-capacity least-recently-used cache.
package lru

import "fmt"

type entry struct {
	key        string
	value      []byte
	prev, next *entry
}

// Cache is an LRU cache keyed by string.
type Cache struct {
	capacity int
	items    map[string]*entry
	head     *entry
	tail     *entry
	hits     int
	misses   int
	onEvict  func(key string, value []byte)
}

// New returns a cache holding at most capacity entries.
func New(capacity int, onEvict func(string, []byte)) *Cache {
	if capacity <= 0 {
		panic(fmt.Sprintf("lru: invalid capacity %d", capacity))
	}
	return &Cache{
		capacity: capacity,
		items:    make(map[string]*entry, capacity),
		onEvict:  onEvict,
	}
}

func (c *Cache) unlink(e *entry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		c.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		c.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (c *Cache) pushFront(e *entry) {
	e.next = c.head
	if c.head != nil {
		c.head.prev = e
	}
	c.head = e
	if c.tail == nil {
		c.tail = e
	}
}

// Get returns the value for key and whether it was present.
func (c *Cache) Get(key string) ([]byte, bool) {
	e, ok := c.items[key]
	if !ok {
		c.misses++
		return nil, false
	}
	c.hits++
	c.unlink(e)
	c.pushFront(e)
	return e.value, true
}

// Put inserts or updates key.
func (c *Cache) Put(key string, value []byte) {
	if e, ok := c.items[key]; ok {
		e.value = value
		c.unlink(e)
		c.pushFront(e)
		return
	}
	e := &entry{key: key, value: value}
	c.items[key] = e
	c.pushFront(e)
	if len(c.items) > c.capacity {
		old := c.tail
		c.unlink(old)
		delete(c.items, old.key)
		if c.onEvict != nil {
			c.onEvict(old.key, old.value)
		}
	}
}

// Keys returns the keys from most to least recently used.
func (c *Cache) Keys() []string {
	keys := make([]string, 0, len(c.items))
	for e := c.head; e != nil; e = e.next {
		keys = append(keys, e.key)
	}
	return keys
}

// Stats formats the hit ratio.
func (c *Cache) Stats() string {
	total := c.hits + c.misses
	if total == 0 {
		return "no lookups"
	}
	return fmt.Sprintf("hits=%d misses=%d ratio=%.2f", c.hits, c.misses, float64(c.hits)/float64(total))
}

// Len reports the number of entries.
func (c Cache) Len() int { return len(c.items) }

// Demo exercises the cache.
func Demo() []string {
	var evicted []string
	c := New(2, func(k string, _ []byte) {
		evicted = append(evicted, k)
	})
	buf := make([]byte, 16)
	c.Put("a", buf[:4])
	c.Put("b", []byte("bee"))
	c.Get("a")
	c.Put("c", nil)
	fmt.Println(c.Stats(), c.Len())
	return append(evicted, c.Keys()...)
}
