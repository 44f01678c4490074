package main

import (
import (
	"fmt"
)

func main() { fmt.Println() }
