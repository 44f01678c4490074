module goescape/xtask/gotypes

go 1.27
