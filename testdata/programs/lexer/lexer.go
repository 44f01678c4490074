// Package lexer tokenizes a small expression language.
package lexer

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind int

const (
	EOF Kind = iota
	Ident
	Number
	String
	Op
)

func (k Kind) String() string {
	switch k {
	case EOF:
		return "EOF"
	case Ident:
		return "Ident"
	case Number:
		return "Number"
	case String:
		return "String"
	}
	return "Op"
}

// Token is one lexeme with its offset.
type Token struct {
	Kind Kind
	Text string
	Pos  int
}

func (t Token) String() string {
	return fmt.Sprintf("%v(%q)@%d", t.Kind, t.Text, t.Pos)
}

// Lexer scans src.
type Lexer struct {
	src  string
	pos  int
	errs []error
}

var ErrUnterminated = errors.New("unterminated string")

// NewLexer returns a lexer over src.
func NewLexer(src string) *Lexer {
	return &Lexer{src: src}
}

func (l *Lexer) peek() rune {
	if l.pos >= len(l.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
	return r
}

func (l *Lexer) advance() rune {
	r, size := utf8.DecodeRuneInString(l.src[l.pos:])
	l.pos += size
	return r
}

func (l *Lexer) scanWhile(pred func(rune) bool) string {
	start := l.pos
	for l.pos < len(l.src) && pred(l.peek()) {
		l.advance()
	}
	return l.src[start:l.pos]
}

// Next returns the next token.
func (l *Lexer) Next() Token {
	l.scanWhile(unicode.IsSpace)
	start := l.pos
	r := l.peek()
	switch {
	case r < 0:
		return Token{Kind: EOF, Pos: start}
	case unicode.IsLetter(r) || r == '_':
		text := l.scanWhile(func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' })
		return Token{Ident, text, start}
	case unicode.IsDigit(r):
		return Token{Number, l.scanWhile(unicode.IsDigit), start}
	case r == '"':
		l.advance()
		var sb strings.Builder
		for {
			c := l.peek()
			if c < 0 {
				l.errs = append(l.errs, fmt.Errorf("at %d: %w", start, ErrUnterminated))
				break
			}
			l.advance()
			if c == '"' {
				break
			}
			sb.WriteRune(c)
		}
		return Token{String, sb.String(), start}
	}
	l.advance()
	return Token{Op, l.src[start:l.pos], start}
}

// All tokenizes the whole input.
func All(src string) ([]Token, error) {
	l := NewLexer(src)
	var toks []Token
	for {
		t := l.Next()
		if t.Kind == EOF {
			break
		}
		toks = append(toks, t)
	}
	return toks, errors.Join(l.errs...)
}

// Describe renders tokens separated by spaces.
func Describe(toks []Token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.String()
	}
	return strings.Join(parts, " ")
}
