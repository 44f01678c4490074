// Package safemap is a mutex-protected counter map and a sharded cache.
package safemap

import (
	"fmt"
	"hash/fnv"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Counter is safe for concurrent use.
type Counter struct {
	mu sync.Mutex
	m  map[string]int
}

// Inc increments key by delta.
func (c *Counter) Inc(key string, delta int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]int)
	}
	c.m[key] += delta
}

// Snapshot copies the map.
func (c *Counter) Snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.m))
	for k, v := range c.m {
		out[k] = v
	}
	return out
}

// Top returns the n largest keys.
func (c *Counter) Top(n int) []string {
	snap := c.Snapshot()
	keys := make([]string, 0, len(snap))
	for k := range snap {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return snap[keys[i]] > snap[keys[j]] })
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

type shard struct {
	sync.RWMutex
	items map[string]item
}

type item struct {
	val     any
	expires time.Time
}

// Cache is a sharded TTL cache.
type Cache struct {
	shards [8]*shard
	ttl    time.Duration
	hits   atomic.Int64
	now    func() time.Time
}

// NewCache makes a cache with the given TTL.
func NewCache(ttl time.Duration) *Cache {
	c := &Cache{ttl: ttl, now: time.Now}
	for i := range c.shards {
		c.shards[i] = &shard{items: map[string]item{}}
	}
	return c
}

func (c *Cache) shardFor(key string) *shard {
	h := fnv.New32a()
	h.Write([]byte(key))
	return c.shards[h.Sum32()%uint32(len(c.shards))]
}

// Set stores val.
func (c *Cache) Set(key string, val any) {
	s := c.shardFor(key)
	s.Lock()
	s.items[key] = item{val: val, expires: c.now().Add(c.ttl)}
	s.Unlock()
}

// Get fetches a live value.
func (c *Cache) Get(key string) (any, bool) {
	s := c.shardFor(key)
	s.RLock()
	it, ok := s.items[key]
	s.RUnlock()
	if !ok || c.now().After(it.expires) {
		return nil, false
	}
	c.hits.Add(1)
	return it.val, true
}

// Example hammers the counter from goroutines.
func Example() string {
	var c Counter
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				c.Inc(fmt.Sprintf("k%d", j%3), i)
			}
		}()
	}
	wg.Wait()
	cache := NewCache(time.Minute)
	cache.Set("top", c.Top(2))
	v, _ := cache.Get("top")
	return fmt.Sprint(v, cache.hits.Load())
}
