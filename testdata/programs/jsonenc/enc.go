// Package jsonenc is a tiny JSON encoder for a handful of value shapes.
package jsonenc

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
)

// Encoder writes JSON into a buffer.
type Encoder struct {
	buf    bytes.Buffer
	indent string
	depth  int
}

func (e *Encoder) newline() {
	if e.indent == "" {
		return
	}
	e.buf.WriteByte('\n')
	for i := 0; i < e.depth; i++ {
		e.buf.WriteString(e.indent)
	}
}

func (e *Encoder) writeString(s string) {
	e.buf.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			e.buf.WriteByte('\\')
			e.buf.WriteRune(r)
		case '\n':
			e.buf.WriteString(`\n`)
		default:
			if r < 0x20 {
				e.buf.WriteString(`\u00`)
				e.buf.WriteString(strconv.FormatInt(int64(r), 16))
				continue
			}
			e.buf.WriteRune(r)
		}
	}
	e.buf.WriteByte('"')
}

// Encode appends v to the output.
func (e *Encoder) Encode(v any) {
	switch x := v.(type) {
	case nil:
		e.buf.WriteString("null")
	case bool:
		e.buf.WriteString(strconv.FormatBool(x))
	case int:
		e.buf.WriteString(strconv.Itoa(x))
	case float64:
		e.buf.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case string:
		e.writeString(x)
	case []any:
		e.buf.WriteByte('[')
		e.depth++
		for i, el := range x {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.newline()
			e.Encode(el)
		}
		e.depth--
		e.newline()
		e.buf.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		e.buf.WriteByte('{')
		e.depth++
		for i, k := range keys {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.newline()
			e.writeString(k)
			e.buf.WriteByte(':')
			e.Encode(x[k])
		}
		e.depth--
		e.newline()
		e.buf.WriteByte('}')
	default:
		e.writeString("<unsupported>")
	}
}

// String returns the encoded text.
func (e *Encoder) String() string { return e.buf.String() }

// Marshal encodes v compactly.
func Marshal(v any) []byte {
	var e Encoder
	e.Encode(v)
	return e.buf.Bytes()
}

// MarshalIndent encodes v with the given indent.
func MarshalIndent(v any, indent string) string {
	e := &Encoder{indent: indent}
	e.Encode(v)
	return e.String()
}

// Quote builds a quoted list with strings.Builder.
func Quote(items []string) string {
	var sb strings.Builder
	sb.Grow(len(items) * 8)
	sb.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(strconv.Quote(it))
	}
	sb.WriteByte(']')
	return sb.String()
}

// Example builds a document.
func Example() string {
	doc := map[string]any{
		"name":  "goescape",
		"tags":  []any{"fast", "exact", 3, true},
		"ratio": 0.5,
	}
	return MarshalIndent(doc, "  ")
}
