package gitindex

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// ewah is an EWAH-compressed bitmap as git serializes it (ewah/ewah_io.c,
// ewah_read_mmap): a big-endian uint32 bit size, a uint32 word count, that
// many big-endian uint64 words, and a uint32 position of the last
// run-length word. The words are a sequence of markers, each followed by
// its literal words (ewah/ewok_rlw.h): bit 0 of a marker is the running
// bit, bits 1–32 the number of 64-bit words that are all running bit,
// bits 33–63 the number of literal words that follow; bit i of a literal
// word is position 64·(its word index)+i.
//
// The words stay in the index bytes (no copy). readEWAH checks that every
// marker's literal words are there (git's ewah_each_bit does not, and
// would read past the buffer); like git, the bit size and the last
// marker's position are not used to answer.
type ewah struct {
	bitSize uint32 // as written; git's reading ignores it
	rlw     uint32 // position of the last marker, as written; unused
	words   []byte // 8 bytes a word, big-endian
}

const (
	ewahRunningBits = 32
	ewahRunningMask = 1<<ewahRunningBits - 1
)

// readEWAH decodes one bitmap at the start of b and returns it and the
// bytes it took.
func readEWAH(b []byte) (ewah, int, error) {
	if len(b) < 8 {
		return ewah{}, 0, fmt.Errorf("EWAH bitmap: %d bytes, too short for its bit size and word count", len(b))
	}
	e := ewah{bitSize: binary.BigEndian.Uint32(b)}
	n := uint64(binary.BigEndian.Uint32(b[4:]))
	if n*8 > uint64(len(b)-8) {
		return ewah{}, 0, fmt.Errorf("EWAH bitmap: %d words do not fit in %d bytes", n, len(b)-8)
	}
	end := 8 + int(n)*8
	if len(b)-end < 4 {
		return ewah{}, 0, fmt.Errorf("EWAH bitmap: it ends before the position of its last marker")
	}
	e.words = b[8:end]
	e.rlw = binary.BigEndian.Uint32(b[end:])
	// Every marker's literal words must be in the buffer.
	for w := 0; w < int(n); {
		lit := e.word(w) >> (1 + ewahRunningBits)
		w++
		if lit > uint64(int(n)-w) {
			return ewah{}, 0, fmt.Errorf("EWAH bitmap: word %d announces %d literal words, %d are left", w-1, lit, int(n)-w)
		}
		w += int(lit)
	}
	return e, end + 4, nil
}

func (e ewah) word(i int) uint64 { return binary.BigEndian.Uint64(e.words[8*i:]) }

// runs yields the set bits as half-open ranges [start, end) in increasing
// order (two ranges may touch). The bitmap must come from readEWAH.
// Positions cannot overflow: a marker adds at most 2^38 positions and a
// buffer read from at most MaxIndexSize bytes holds fewer than 2^25.
func (e ewah) runs(yield func(start, end uint64) bool) {
	n := len(e.words) / 8
	var pos uint64
	for w := 0; w < n; {
		m := e.word(w)
		w++
		run := (m >> 1 & ewahRunningMask) * 64
		if run > 0 {
			if m&1 != 0 && !yield(pos, pos+run) {
				return
			}
			pos += run
		}
		for lit := m >> (1 + ewahRunningBits); lit > 0; lit-- {
			x := e.word(w)
			w++
			for off := uint64(0); x != 0; {
				zeros := uint64(bits.TrailingZeros64(x))
				x >>= zeros
				off += zeros
				ones := uint64(bits.TrailingZeros64(^x)) // 64 when x is all ones
				if !yield(pos+off, pos+off+ones) {
					return
				}
				if ones == 64 {
					break
				}
				x >>= ones
				off += ones
			}
			pos += 64
		}
	}
}

// count is the number of set bits.
func (e ewah) count() uint64 {
	var c uint64
	for s, t := range e.runs {
		c += t - s
	}
	return c
}

// end is one past the highest set bit (0 when none is set).
func (e ewah) end() uint64 {
	var last uint64
	for _, t := range e.runs {
		last = t
	}
	return last
}

// has reports whether bit p is set.
func (e ewah) has(p uint64) bool {
	for s, t := range e.runs {
		if p < s {
			return false
		}
		if p < t {
			return true
		}
	}
	return false
}
