package phpconf

import (
	"fmt"
	"math/rand"
	"strings"
)

// GenerateConfig writes a random env.php-shaped file: nested arrays in a
// random layout (short or long arrays, spaces or tabs, trailing commas or
// not, LF or CRLF), scalar values of every kind and some comments. Tests
// and benchmarks use it.
func GenerateConfig(rng *rand.Rand, depth, width int) string {
	nl := "\n"
	if rng.Intn(4) == 0 {
		nl = "\r\n"
	}
	indent := "    "
	if rng.Intn(3) == 0 {
		indent = "\t"
	} else if rng.Intn(3) == 0 {
		indent = "  "
	}
	long := rng.Intn(2) == 0
	trailing := rng.Intn(2) == 0
	var b strings.Builder
	b.WriteString("<?php" + nl + "return ")
	var arr func(level, d int)
	arr = func(level, d int) {
		open, closeS := "[", "]"
		if long {
			open, closeS = "array (", ")"
		}
		b.WriteString(open + nl)
		n := 1 + rng.Intn(width)
		for i := 0; i < n; i++ {
			b.WriteString(strings.Repeat(indent, level+1))
			if rng.Intn(8) == 0 {
				b.WriteString("// note " + fmt.Sprint(i) + nl + strings.Repeat(indent, level+1))
			}
			switch rng.Intn(5) {
			case 0:
				fmt.Fprintf(&b, "%d => ", rng.Intn(20))
			case 1:
				fmt.Fprintf(&b, "\"k%d\" => ", i)
			default:
				fmt.Fprintf(&b, "'key_%d' => ", i)
			}
			if d > 0 && rng.Intn(3) == 0 {
				arr(level+1, d-1)
			} else {
				switch rng.Intn(8) {
				case 0:
					fmt.Fprintf(&b, "%d", rng.Intn(1000)-500)
				case 1:
					b.WriteString([]string{"true", "false", "null", "NULL", "TRUE"}[rng.Intn(5)])
				case 2:
					fmt.Fprintf(&b, "%d.%d", rng.Intn(100), rng.Intn(100))
				case 3:
					b.WriteString(`"dq \"x\" \\ \t é"`)
				case 4:
					b.WriteString(`'it\'s \\ a \n'`)
				default:
					fmt.Fprintf(&b, "'value %d'", rng.Intn(1000))
				}
			}
			if i < n-1 || trailing {
				b.WriteString(",")
			}
			b.WriteString(nl)
		}
		b.WriteString(strings.Repeat(indent, level) + closeS)
	}
	arr(0, depth)
	b.WriteString(";")
	if rng.Intn(3) > 0 {
		b.WriteString(nl)
	}
	return b.String()
}
