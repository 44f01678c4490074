// Package workerpool runs jobs on a fixed number of goroutines.
package workerpool

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Job is a unit of work.
type Job struct {
	ID      int
	Payload string
}

// Result is a job's outcome.
type Result struct {
	JobID int
	Out   string
	Err   error
}

// Pool processes jobs with a handler.
type Pool struct {
	workers int
	handler func(context.Context, Job) (string, error)
	mu      sync.Mutex
	done    int
}

// NewPool returns a pool with n workers.
func NewPool(n int, h func(context.Context, Job) (string, error)) *Pool {
	return &Pool{workers: n, handler: h}
}

// Run processes all jobs and returns results in completion order.
func (p *Pool) Run(ctx context.Context, jobs []Job) []Result {
	in := make(chan Job)
	out := make(chan Result, len(jobs))
	var wg sync.WaitGroup
	for w := 0; w < p.workers; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := range in {
				s, err := p.handler(ctx, j)
				p.mu.Lock()
				p.done++
				p.mu.Unlock()
				out <- Result{JobID: j.ID, Out: s, Err: err}
			}
		}(w)
	}
	go func() {
		defer close(in)
		for _, j := range jobs {
			select {
			case in <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	wg.Wait()
	close(out)
	results := make([]Result, 0, len(jobs))
	for r := range out {
		results = append(results, r)
	}
	return results
}

// Done reports how many jobs finished.
func (p *Pool) Done() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.done
}

var errTimeout = errors.New("timeout")

// WithTimeout waits for f or a timeout.
func WithTimeout(d time.Duration, f func() string) (string, error) {
	ch := make(chan string, 1)
	go func() { ch <- f() }()
	select {
	case s := <-ch:
		return s, nil
	case <-time.After(d):
		return "", errTimeout
	}
}

// Example runs the pool.
func Example() {
	p := NewPool(3, func(ctx context.Context, j Job) (string, error) {
		if j.ID%5 == 0 {
			return "", fmt.Errorf("job %d: rejected", j.ID)
		}
		return fmt.Sprint(j.Payload, "!"), nil
	})
	jobs := make([]Job, 10)
	for i := range jobs {
		jobs[i] = Job{ID: i, Payload: fmt.Sprintf("p%d", i)}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for _, r := range p.Run(ctx, jobs) {
		if r.Err != nil {
			fmt.Println("error:", r.Err)
		}
	}
	s, err := WithTimeout(10*time.Millisecond, func() string { return "fast" })
	fmt.Println(s, err, p.Done())
}
