module goescape.test

go 1.27
