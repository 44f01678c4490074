// Package middleware models an HTTP-like handler chain with closures and interfaces.
package middleware

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Request is an incoming request.
type Request struct {
	Method string
	Path   string
	Header map[string]string
}

// ResponseWriter receives the response.
type ResponseWriter interface {
	io.Writer
	SetStatus(code int)
}

// Handler serves a request.
type Handler interface {
	Serve(w ResponseWriter, r *Request)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ResponseWriter, *Request)

func (f HandlerFunc) Serve(w ResponseWriter, r *Request) { f(w, r) }

// Middleware wraps a handler.
type Middleware func(Handler) Handler

// Chain applies middlewares so the first is outermost.
func Chain(h Handler, mws ...Middleware) Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// Logger logs each request.
func Logger(out io.Writer) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(w ResponseWriter, r *Request) {
			start := time.Now()
			next.Serve(w, r)
			fmt.Fprintf(out, "%s %s %v\n", r.Method, r.Path, time.Since(start))
		})
	}
}

// RequireHeader rejects requests missing a header.
func RequireHeader(name string) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(w ResponseWriter, r *Request) {
			if _, ok := r.Header[name]; !ok {
				w.SetStatus(400)
				io.WriteString(w, "missing "+name)
				return
			}
			next.Serve(w, r)
		})
	}
}

// recorder captures a response.
type recorder struct {
	status int
	body   strings.Builder
}

func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }
func (r *recorder) SetStatus(code int)          { r.status = code }

// Router dispatches on path prefix.
type Router struct {
	routes map[string]Handler
}

func (rt *Router) Handle(prefix string, h Handler) {
	if rt.routes == nil {
		rt.routes = make(map[string]Handler)
	}
	rt.routes[prefix] = h
}

func (rt *Router) HandleFunc(prefix string, f func(ResponseWriter, *Request)) {
	rt.Handle(prefix, HandlerFunc(f))
}

func (rt *Router) Serve(w ResponseWriter, r *Request) {
	for p, h := range rt.routes {
		if strings.HasPrefix(r.Path, p) {
			h.Serve(w, r)
			return
		}
	}
	w.SetStatus(404)
}

// Do runs one request through a chain.
func Do(h Handler, method, path string) (int, string) {
	rec := &recorder{status: 200}
	req := &Request{Method: method, Path: path, Header: map[string]string{"X-Id": "1"}}
	h.Serve(rec, req)
	return rec.status, rec.body.String()
}

// Example wires a router.
func Example() {
	rt := &Router{}
	greeting := "hello"
	rt.HandleFunc("/hi", func(w ResponseWriter, r *Request) {
		fmt.Fprintf(w, "%s %s", greeting, r.Path)
	})
	h := Chain(rt, Logger(os.Stderr), RequireHeader("X-Id"))
	code, body := Do(h, "GET", "/hi/there")
	fmt.Println(code, body)
}
