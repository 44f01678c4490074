// Command gotypes dumps what go/types records about every expression of some packages, in the
// line format of `cargo xtask typecheck-diff`, so goescape's checker can be diffed against the
// real thing.
//
// The packages are listed with `go list -e -deps -json` (the environment pins
// GOOS/GOARCH/CGO_ENABLED) and type-checked bottom-up from source, each import answered by the
// package checked just before (through the package's ImportMap, for vendored std packages).
// Only the packages named on the command line are dumped, one line per entry of
// types.Info.Types:
//
//	path:line:col<TAB>EXPR<TAB>TYPE[<TAB>const=VALUE]
//
// path is relative to GOROOT/src (or the module root), and line:col is where gc's syntax tree
// puts the node, not go/ast's start position: the operator of a binary expression, the `(` of
// a call, the `.` of a selector or type assertion, the `[` of an index or slice expression,
// the `{` of a composite literal. Nodes go/types makes up (the implicit `1` of `x++`) are left
// out. EXPR is types.ExprString (an elided composite literal type printing as nothing, and
// tabs and newlines of raw strings escaped as \t and \n), TYPE is types.TypeString qualified
// by package name (unqualified within the package itself), and VALUE is the constant's
// ExactString (an integer-typed constant holding a float value prints as the integer it is).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// listed is the part of `go list -json` output we use.
type listed struct {
	ImportPath string
	Dir        string
	Root       string
	GoFiles    []string
	Imports    []string
	ImportMap  map[string]string
	DepOnly    bool
	Standard   bool
	Module     *struct{ GoVersion string }
	Error      *struct{ Err string }
}

func main() {
	goBin := flag.String("go", "go", "the go command to list packages with")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"std"}
	}
	pkgs, err := list(*goBin, patterns)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gotypes:", err)
		os.Exit(1)
	}
	release := build.Default.ReleaseTags[len(build.Default.ReleaseTags)-1]
	checked := map[string]*types.Package{"unsafe": types.Unsafe}
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	for _, lp := range pkgs {
		if lp.ImportPath == "unsafe" || len(lp.GoFiles) == 0 {
			continue
		}
		goVersion := release
		if !lp.Standard && lp.Module != nil && lp.Module.GoVersion != "" {
			goVersion = "go" + lp.Module.GoVersion
		}
		pkg, lines, nerr := check(lp, checked, goVersion, !lp.DepOnly)
		checked[lp.ImportPath] = pkg
		if nerr > 0 {
			fmt.Fprintf(os.Stderr, "gotypes: %s: %d type errors\n", lp.ImportPath, nerr)
		}
		for _, l := range lines {
			out.WriteString(l)
			out.WriteByte('\n')
		}
	}
}

// list runs `go list -e -deps -json patterns`: every package needed, dependencies first.
func list(goBin string, patterns []string) ([]*listed, error) {
	cmd := exec.Command(goBin, append([]string{"list", "-e", "-deps", "-json"}, patterns...)...)
	cmd.Stderr = os.Stderr
	data, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v", err)
	}
	var pkgs []*listed
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		if p.Error != nil {
			fmt.Fprintf(os.Stderr, "gotypes: %s: %s\n", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, &p)
	}
	return pkgs, nil
}

// importer answers a package's imports from the packages already checked.
type importer struct {
	lp      *listed
	checked map[string]*types.Package
}

func (im importer) Import(path string) (*types.Package, error) {
	if mapped, ok := im.lp.ImportMap[path]; ok {
		path = mapped
	}
	if p := im.checked[path]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("package %q not checked (import cycle or load error)", path)
}

// check type-checks one package; with dump, it also returns its sorted expression lines.
func check(lp *listed, checked map[string]*types.Package, goVersion string, dump bool) (*types.Package, []string, int) {
	fset := token.NewFileSet()
	var files []*ast.File
	srcs := map[*token.File][]byte{}
	nerr := 0
	for _, name := range lp.GoFiles {
		path := filepath.Join(lp.Dir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gotypes:", err)
			nerr++
			continue
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gotypes:", err)
			nerr++
		}
		if f != nil {
			files = append(files, f)
			srcs[fset.File(f.Pos())] = src
		}
	}
	conf := types.Config{
		GoVersion: goVersion,
		Sizes:     types.SizesFor("gc", "amd64"),
		Importer:  importer{lp, checked},
		Error:     func(error) { nerr++ },
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	pkg, _ := conf.Check(lp.ImportPath, fset, files, info)
	if !dump {
		return pkg, nil, nerr
	}
	root := filepath.Join(lp.Root, "src")
	if !lp.Standard {
		root = lp.Root
	}
	qual := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
	type entry struct {
		file      string
		line, col int
		text      string
	}
	// go/types also records nodes it made up (the `1` of `x++`): keep the tree's own.
	inTree := map[ast.Node]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			inTree[n] = true
			return true
		})
	}
	var entries []entry
	for e, tv := range info.Types {
		if !inTree[e] {
			continue
		}
		pos := fset.Position(gcPos(fset, srcs, e))
		rel, err := filepath.Rel(root, pos.Filename)
		if err != nil {
			rel = pos.Filename
		}
		t := "<nil>"
		if tv.Type != nil {
			t = types.TypeString(tv.Type, qual)
		}
		text := fmt.Sprintf("%s:%d:%d\t%s\t%s", filepath.ToSlash(rel), pos.Line, pos.Column, exprString(e), t)
		if tv.Value != nil {
			text += "\tconst=" + constString(tv.Value, tv.Type)
		}
		entries = append(entries, entry{rel, pos.Line, pos.Column, text})
	}
	sort.Slice(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		if a.col != b.col {
			return a.col < b.col
		}
		return a.text < b.text
	})
	lines := make([]string, len(entries))
	for i, e := range entries {
		lines[i] = e.text
	}
	return pkg, lines, nerr
}

// gcPos is the position gc's syntax tree gives expression e.
func gcPos(fset *token.FileSet, srcs map[*token.File][]byte, e ast.Expr) token.Pos {
	switch e := e.(type) {
	case *ast.CallExpr:
		return e.Lparen
	case *ast.SelectorExpr:
		return before(fset, srcs, e.Sel.Pos(), '.')
	case *ast.TypeAssertExpr:
		return before(fset, srcs, e.Lparen, '.')
	case *ast.BinaryExpr:
		return e.OpPos
	case *ast.IndexExpr:
		return e.Lbrack
	case *ast.IndexListExpr:
		return e.Lbrack
	case *ast.SliceExpr:
		return e.Lbrack
	case *ast.CompositeLit:
		return e.Lbrace
	case *ast.KeyValueExpr:
		return e.Colon
	}
	return e.Pos()
}

// before finds the token ch that precedes pos, skipping white space (`x.\n\tf`).
func before(fset *token.FileSet, srcs map[*token.File][]byte, pos token.Pos, ch byte) token.Pos {
	tf := fset.File(pos)
	src := srcs[tf]
	if tf == nil || src == nil {
		return pos - 1
	}
	for off := tf.Offset(pos) - 1; off >= 0; off-- {
		switch src[off] {
		case ' ', '\t', '\n', '\r':
			continue
		case ch:
			return tf.Pos(off)
		}
		break
	}
	return pos - 1
}

// exprString is types.ExprString, except that the elided type of a composite literal prints
// as nothing rather than `(ast: <nil>)`.
func exprString(e ast.Expr) string {
	return escaper.Replace(strings.ReplaceAll(types.ExprString(e), "(ast: <nil>)", ""))
}

// escaper keeps raw string literals on one line and out of the way of the field separator.
var escaper = strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`)

// constString is go/constant's ExactString (an integer-typed constant can hold a Float value,
// `1e9` as a Duration: it prints as the integer it is).
func constString(v constant.Value, t types.Type) string {
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
		if i := constant.ToInt(v); i.Kind() == constant.Int {
			return i.ExactString()
		}
	}
	return v.ExactString()
}
