module goescape.programs

go 1.27
