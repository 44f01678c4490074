// Package errwrap shows error wrapping, errors.As/Is and defer/recover.
package errwrap

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
)

// NotFoundError reports a missing key.
type NotFoundError struct {
	Key string
}

func (e *NotFoundError) Error() string { return "not found: " + e.Key }

// ParseError wraps a parse failure with a line number.
type ParseError struct {
	Line int
	Err  error
}

func (e ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e ParseError) Unwrap() error { return e.Err }

var ErrEmpty = errors.New("empty input")

// Store is a string map.
type Store map[string]string

// Lookup returns the value for key.
func (s Store) Lookup(key string) (string, error) {
	v, ok := s[key]
	if !ok {
		return "", &NotFoundError{Key: key}
	}
	return v, nil
}

// ParseInts parses one integer per line.
func ParseInts(lines []string) ([]int, error) {
	if len(lines) == 0 {
		return nil, ErrEmpty
	}
	out := make([]int, 0, len(lines))
	for i, l := range lines {
		n, err := strconv.Atoi(l)
		if err != nil {
			return out, ParseError{Line: i + 1, Err: err}
		}
		out = append(out, n)
	}
	return out, nil
}

// Load combines lookups and parsing.
func Load(s Store, keys ...string) (sum int, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("load %v: %w", keys, err)
		}
	}()
	var lines []string
	for _, k := range keys {
		v, err := s.Lookup(k)
		if err != nil {
			return 0, err
		}
		lines = append(lines, v)
	}
	ns, err := ParseInts(lines)
	if err != nil {
		return 0, err
	}
	for _, n := range ns {
		sum += n
	}
	return sum, nil
}

// Classify inspects an error chain.
func Classify(err error) string {
	var nf *NotFoundError
	if errors.As(err, &nf) {
		return "missing " + nf.Key
	}
	var pe ParseError
	if errors.As(err, &pe) {
		return "bad line " + strconv.Itoa(pe.Line)
	}
	if errors.Is(err, ErrEmpty) {
		return "empty"
	}
	return "other"
}

// SafeDiv recovers from a division panic.
func SafeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

// CloseAll closes every closer and joins the errors.
func CloseAll(cs []io.Closer) error {
	var errs []error
	for _, c := range cs {
		if err := c.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Example prints classifications.
func Example() {
	s := Store{"a": "1", "b": "x"}
	for _, keys := range [][]string{{"a"}, {"a", "b"}, {"z"}, {}} {
		_, err := Load(s, keys...)
		fmt.Fprintln(os.Stdout, Classify(err), err)
	}
	q, err := SafeDiv(1, 0)
	fmt.Println(q, err)
}
