package p

import (
	"fmt"
	"strings"
	"sort"
	"errors"
)

type S struct{ name string; n int }

func h1(s *S) string { return fmt.Sprintf("%s=%d", s.name, s.n) }

func h2(xs []string) string { return strings.Join(xs, ",") }

func h3(xs []S) { sort.Slice(xs, func(i, j int) bool { return xs[i].n < xs[j].n }) }

func h4(msg string) error { return errors.New(msg) }

func h5(err error) error { return fmt.Errorf("wrap: %w", err) }

func h6(b *strings.Builder, s string) { b.WriteString(s) }

func h7() string {
	var b strings.Builder
	b.WriteString("x")
	return b.String()
}

func h8(xs []int) {
	fmt.Println(len(xs), xs)
}

func h9(e error) bool {
	var t *S
	_ = t
	return errors.Is(e, errors.ErrUnsupported)
}
