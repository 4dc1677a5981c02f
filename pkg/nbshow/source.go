package nbshow

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// ModulePath is the import path of the module whose sources [Source] shows.
const ModulePath = "github.com/optlab/optlab"

// Source displays the Go source of the named declarations of package pkg of
// this module, with their doc comments, as a highlighted Go code block
// (Markdown with a ```go fence: Jupyter highlights it, and the tutorial
// shows it as a Go block). pkg is the package's folder ("pkg/optim") or its
// import path ("github.com/optlab/optlab/pkg/optim"). A name is a function
// ("Or"), a type ("Settings"), a constant or variable ("Rho"), or a method
// written "state.tell", "(*state).tell" or "(state).tell".
//
// A name that is not found (or an unreadable package) is an error that
// fails the cell: see [SourceText].
func Source(pkg string, names ...string) error {
	text, err := SourceText(pkg, names...)
	if err != nil {
		return err
	}
	Markdown(text)
	return nil
}

// SourceText returns what [Source] displays: a line naming the file(s),
// then the declarations in a ```go fence. Its errors start with "nbshow: "
// and, in a notebook, are also written to stderr (see [Plot]).
func SourceText(pkg string, names ...string) (string, error) {
	if len(names) == 0 {
		return "", report(errors.New("Source: no name given"))
	}
	root, err := moduleRoot()
	if err != nil {
		return "", report(err)
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(pkg, ModulePath), "/")
	dir := filepath.Join(root, filepath.FromSlash(rel))
	fset := token.NewFileSet()
	files, err := parseDir(fset, dir)
	if err != nil {
		return "", report(err)
	}
	var blocks []string
	var where []string
	for _, name := range names {
		text, file, err := findDecl(fset, files, name)
		if err != nil {
			return "", report(fmt.Errorf("Source(%q, %q): %v", pkg, name, err))
		}
		blocks = append(blocks, text)
		f := filepath.ToSlash(filepath.Join(rel, filepath.Base(file)))
		if len(where) == 0 || where[len(where)-1] != f {
			where = append(where, f)
		}
	}
	code := strings.Join(blocks, "\n\n")
	return fmt.Sprintf("*%s*\n\n%s", "`"+strings.Join(where, "`, `")+"`", goFence(code)), nil
}

// goFence wraps code in a ```go fence longer than any run of backquotes in it.
func goFence(code string) string {
	ticks := "```"
	for strings.Contains(code, ticks) {
		ticks += "`"
	}
	return ticks + "go\n" + strings.TrimRight(code, "\n") + "\n" + ticks
}

type srcFile struct {
	name string
	src  []byte
	ast  *ast.File
}

// parseDir parses the non-test Go files of dir, in name order.
func parseDir(fset *token.FileSet, dir string) ([]srcFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("Source: reading package folder: %v", err)
	}
	var files []srcFile
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		path := filepath.Join(dir, n)
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("Source: %v", err)
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("Source: %v", err)
		}
		files = append(files, srcFile{path, src, f})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	if len(files) == 0 {
		return nil, fmt.Errorf("Source: no Go files in %s", dir)
	}
	return files, nil
}

// splitName parses "f", "T.m", "(T).m" or "(*T).m" into receiver and name.
func splitName(name string) (recv, fn string) {
	name = strings.TrimSpace(name)
	i := strings.LastIndex(name, ".")
	if i < 0 {
		return "", name
	}
	recv = strings.Trim(name[:i], "()")
	return strings.TrimPrefix(recv, "*"), name[i+1:]
}

// recvName returns the type name of a method receiver: T for T, *T, T[P], *T[P].
func recvName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

func findDecl(fset *token.FileSet, files []srcFile, name string) (text, file string, err error) {
	recv, id := splitName(name)
	if id == "" {
		return "", "", errors.New("empty name")
	}
	snippet := func(f srcFile, doc *ast.CommentGroup, from, to token.Pos, prefix string) string {
		start := from
		if doc != nil {
			start = doc.Pos()
		}
		a, b := fset.Position(start).Offset, fset.Position(to).Offset
		body := string(f.src[fset.Position(from).Offset:b])
		head := ""
		if doc != nil {
			head = string(f.src[a:fset.Position(from).Offset])
		}
		return head + prefix + body
	}
	for _, f := range files {
		for _, d := range f.ast.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.Name != id {
					continue
				}
				if (recv == "") != (d.Recv == nil) {
					continue
				}
				if recv != "" && (len(d.Recv.List) == 0 || recvName(d.Recv.List[0].Type) != recv) {
					continue
				}
				return snippet(f, d.Doc, d.Pos(), d.End(), ""), f.name, nil
			case *ast.GenDecl:
				if recv != "" {
					continue
				}
				for _, sp := range d.Specs {
					var doc *ast.CommentGroup
					match := false
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						match, doc = sp.Name.Name == id, sp.Doc
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							match = match || n.Name == id
						}
						doc = sp.Doc
					}
					if !match {
						continue
					}
					if !d.Lparen.IsValid() { // a single declaration: all of it
						return snippet(f, d.Doc, d.Pos(), d.End(), ""), f.name, nil
					}
					return snippet(f, doc, sp.Pos(), sp.End(), d.Tok.String()+" "), f.name, nil
				}
			}
		}
	}
	what := "no function, type, constant or variable " + id
	if recv != "" {
		what = fmt.Sprintf("no method %s of type %s", id, recv)
	}
	return "", "", fmt.Errorf("%s in package %s", what, filepath.Dir(files[0].name))
}

// moduleRoot finds the folder of this module's go.mod: from $GONB_DIR/..
// (the notebooks' folder's parent), else walking up from the working
// directory, else from where this file was compiled.
func moduleRoot() (string, error) {
	var starts []string
	if d := os.Getenv("GONB_DIR"); d != "" {
		starts = append(starts, filepath.Join(d, ".."))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	for _, s := range starts {
		for dir := s; ; dir = filepath.Dir(dir) {
			if isModuleRoot(dir) {
				return dir, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", fmt.Errorf("Source: no go.mod of module %s found (from GONB_DIR/.., the working directory or upwards)", ModulePath)
}

func isModuleRoot(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		f := strings.Fields(string(line))
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`) == ModulePath
		}
	}
	return false
}
