// Package eventbus is a synchronous publish/subscribe bus.
package eventbus

import (
	"fmt"
	"sort"
	"sync"
)

// Event carries a topic and data.
type Event struct {
	Topic string
	Data  any
}

// Handler receives events.
type Handler func(Event)

// Bus maps topics to subscribers.
type Bus struct {
	mu     sync.RWMutex
	subs   map[string][]Handler
	nextID int
	ids    map[int]string
}

// New returns an empty bus.
func New() *Bus {
	return &Bus{subs: map[string][]Handler{}, ids: make(map[int]string)}
}

// Subscribe registers h for topic and returns an unsubscribe function.
func (b *Bus) Subscribe(topic string, h Handler) func() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
	b.nextID++
	id := b.nextID
	b.ids[id] = topic
	idx := len(b.subs[topic]) - 1
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		hs := b.subs[topic]
		if idx < len(hs) {
			hs[idx] = nil
		}
		delete(b.ids, id)
	}
}

// Publish delivers e to all subscribers of its topic.
func (b *Bus) Publish(e Event) int {
	b.mu.RLock()
	hs := b.subs[e.Topic]
	b.mu.RUnlock()
	n := 0
	for _, h := range hs {
		if h != nil {
			h(e)
			n++
		}
	}
	return n
}

// Topics lists topics in order.
func (b *Bus) Topics() []string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]string, 0, len(b.subs))
	for t := range b.subs {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Counter counts events per topic.
type Counter struct {
	counts map[string]int
}

func (c *Counter) Handle(e Event) {
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[e.Topic]++
}

// Example wires the bus.
func Example() string {
	b := New()
	var c Counter
	var seen []string
	unsub := b.Subscribe("user.created", c.Handle)
	b.Subscribe("user.created", func(e Event) {
		seen = append(seen, fmt.Sprint(e.Data))
	})
	b.Publish(Event{Topic: "user.created", Data: 42})
	b.Publish(Event{"user.created", "bob"})
	unsub()
	b.Publish(Event{Topic: "user.deleted"})
	return fmt.Sprintf("%v %v %v", c.counts, seen, b.Topics())
}
