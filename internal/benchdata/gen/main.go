// Command gen writes a generated events table to standard output, for
// measuring the command line: gen [-slim] ROWS.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"timeline/internal/benchdata"
)

func main() {
	slim := flag.Bool("slim", false, "only id, start, end, title and category")
	flag.Parse()
	n, err := strconv.Atoi(flag.Arg(0))
	if err != nil || n < 0 {
		fmt.Fprintln(os.Stderr, "usage: gen [-slim] ROWS")
		os.Exit(2)
	}
	write := benchdata.Write
	if *slim {
		write = benchdata.WriteSlim
	}
	if err := write(os.Stdout, n, 1); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
