// Package textfmt formats aligned text tables with variadic helpers.
package textfmt

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Align is a column alignment.
type Align int

const (
	Left Align = iota
	Right
)

// Table accumulates rows.
type Table struct {
	headers []string
	aligns  []Align
	rows    [][]string
}

// NewTable starts a table with headers.
func NewTable(headers ...string) *Table {
	return &Table{headers: headers, aligns: make([]Align, len(headers))}
}

// SetAlign sets alignment for column i.
func (t *Table) SetAlign(i int, a Align) *Table {
	t.aligns[i] = a
	return t
}

// Row appends a row of values formatted with %v.
func (t *Table) Row(vals ...any) {
	row := make([]string, len(vals))
	for i, v := range vals {
		switch x := v.(type) {
		case string:
			row[i] = x
		case fmt.Stringer:
			row[i] = x.String()
		case float64:
			row[i] = fmt.Sprintf("%.2f", x)
		default:
			row[i] = fmt.Sprint(x)
		}
	}
	t.rows = append(t.rows, row)
}

func pad(s string, w int, a Align) string {
	n := w - utf8.RuneCountInString(s)
	if n <= 0 {
		return s
	}
	if a == Right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// WriteTo renders the table.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	widths := make([]int, len(t.headers))
	measure := func(row []string) {
		for i, c := range row {
			if i < len(widths) {
				widths[i] = max(widths[i], utf8.RuneCountInString(c))
			}
		}
	}
	measure(t.headers)
	for _, r := range t.rows {
		measure(r)
	}
	var sb strings.Builder
	line := func(row []string) {
		for i, c := range row {
			if i > 0 {
				sb.WriteString(" | ")
			}
			a := Left
			if i < len(t.aligns) {
				a = t.aligns[i]
			}
			sb.WriteString(pad(c, widths[i], a))
		}
		sb.WriteByte('\n')
	}
	line(t.headers)
	seps := make([]string, len(widths))
	for i, wd := range widths {
		seps[i] = strings.Repeat("-", wd)
	}
	line(seps)
	for _, r := range t.rows {
		line(r)
	}
	n, err := io.WriteString(w, sb.String())
	return int64(n), err
}

// Logf writes a prefixed log line.
func Logf(w io.Writer, prefix string, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintf(w, "[%s] %s\n", prefix, msg)
}

// Money is a Stringer.
type Money int64

func (m Money) String() string { return fmt.Sprintf("$%d.%02d", m/100, m%100) }

// Example renders a table to a builder.
func Example() string {
	t := NewTable("item", "qty", "price").SetAlign(1, Right).SetAlign(2, Right)
	t.Row("apple", 3, Money(150))
	t.Row("kiwi", 12, Money(1999))
	t.Row("tea", 1, 4.5)
	var sb strings.Builder
	t.WriteTo(&sb)
	Logf(&sb, "info", "%d rows", len(t.rows))
	return sb.String()
}
