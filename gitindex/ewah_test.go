package gitindex

import (
	"encoding/binary"
	"slices"
	"testing"
)

// ewahBytes serializes a bitmap as git's ewah_serialize_to does.
func ewahBytes(bitSize uint32, words []uint64, rlw uint32) []byte {
	b := binary.BigEndian.AppendUint32(nil, bitSize)
	b = binary.BigEndian.AppendUint32(b, uint32(len(words)))
	for _, w := range words {
		b = binary.BigEndian.AppendUint64(b, w)
	}
	return binary.BigEndian.AppendUint32(b, rlw)
}

func (e ewah) wordList() []uint64 {
	var w []uint64
	for i := range len(e.words) / 8 {
		w = append(w, e.word(i))
	}
	return w
}

// marker is a run-length word: run words of the running bit, then lit
// literal words.
func marker(bit bool, run, lit uint64) uint64 {
	m := run<<1 | lit<<33
	if bit {
		m |= 1
	}
	return m
}

// gitBits is git's ewah_each_bit (ewah/ewah_bitmap.c) bit by bit, with
// the bound git lacks; nil when it would list more than max bits.
func gitBits(words []uint64, max int) []uint64 {
	bits := []uint64{}
	var pos uint64
	for p := 0; p < len(words); {
		w := words[p]
		run := (w >> 1) & (1<<32 - 1)
		if w&1 != 0 {
			if run*64 > uint64(max-len(bits)) {
				return nil
			}
			for k := uint64(0); k < run*64; k++ {
				bits = append(bits, pos)
				pos++
			}
		} else {
			pos += run * 64
		}
		p++
		for k := uint64(0); k < w>>33; k++ {
			for c := 0; c < 64; c++ {
				if words[p]>>c&1 != 0 {
					bits = append(bits, pos)
				}
				pos++
			}
			p++
		}
		if len(bits) > max {
			return nil
		}
	}
	return bits
}

// expand lists the set bits from runs.
func (e ewah) expand() []uint64 {
	bits := []uint64{}
	for s, t := range e.runs {
		for p := s; p < t; p++ {
			bits = append(bits, p)
		}
	}
	return bits
}

func TestEWAH(t *testing.T) {
	seq := func(from, to uint64) []uint64 {
		var s []uint64
		for p := from; p < to; p++ {
			s = append(s, p)
		}
		return s
	}
	for _, c := range []struct {
		name  string
		words []uint64
		want  []uint64
	}{
		{"empty (what ewah_new serializes)", []uint64{0}, nil},
		{"no words", nil, nil},
		{"one literal", []uint64{marker(false, 0, 1), 0b1011}, []uint64{0, 1, 3}},
		{"git's delete bitmap of entry 3", []uint64{0x0000000200000000, 0x8}, []uint64{3}},
		{"git's replace bitmap of entries 0, 1, 2, 4", []uint64{0x0000000200000000, 0x17}, []uint64{0, 1, 2, 4}},
		{"a run of ones", []uint64{marker(true, 2, 0)}, seq(0, 128)},
		{"a run of zeros, then a literal's top bit", []uint64{marker(false, 1, 1), 1 << 63}, []uint64{127}},
		{"a literal of all ones", []uint64{marker(false, 0, 1), ^uint64(0)}, seq(0, 64)},
		{"ones across a word boundary", []uint64{marker(false, 0, 2), 1 << 63, 1}, []uint64{63, 64}},
		{"two markers", []uint64{marker(true, 1, 1), 0b110, marker(false, 2, 1), 1}, append(append(seq(0, 64), 65, 66), 256)},
		{"a marker with nothing", []uint64{marker(false, 0, 0), marker(true, 0, 0), marker(false, 0, 1), 1 << 5}, []uint64{5}},
		{"alternating bits", []uint64{marker(false, 0, 1), 0x5555555555555555}, func() []uint64 {
			var s []uint64
			for p := uint64(0); p < 64; p += 2 {
				s = append(s, p)
			}
			return s
		}()},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := ewahBytes(123, c.words, 0)
			e, n, err := readEWAH(append(b, 0xee)) // a byte after it is not read
			if err != nil || n != len(b) {
				t.Fatalf("readEWAH: %d bytes, %v", n, err)
			}
			if e.bitSize != 123 || e.rlw != 0 {
				t.Errorf("bit size %d rlw %d", e.bitSize, e.rlw)
			}
			got := e.expand()
			if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("bits %v, want %v", got, c.want)
			}
			if ref := gitBits(c.words, 1<<20); !slices.Equal(ref, got) {
				t.Errorf("git's walk gives %v", ref)
			}
			if e.count() != uint64(len(c.want)) {
				t.Errorf("count %d", e.count())
			}
			wantEnd := uint64(0)
			if len(c.want) > 0 {
				wantEnd = c.want[len(c.want)-1] + 1
			}
			if e.end() != wantEnd {
				t.Errorf("end %d, want %d", e.end(), wantEnd)
			}
			for p := uint64(0); p < 300; p++ {
				if e.has(p) != slices.Contains(c.want, p) {
					t.Errorf("has(%d) = %v", p, e.has(p))
				}
			}
		})
	}
	t.Run("the longest run", func(t *testing.T) {
		e, _, err := readEWAH(ewahBytes(0, []uint64{marker(true, 1<<32-1, 1), 1 << 1}, 0))
		if err != nil {
			t.Fatal(err)
		}
		last := uint64(1<<32-1)*64 + 1
		if e.count() != (1<<32-1)*64+1 || e.end() != last+1 || !e.has(last) || e.has(last-1) || !e.has(last-2) {
			t.Errorf("count %d end %d", e.count(), e.end())
		}
	})
}

func TestEWAHMalformed(t *testing.T) {
	for name, b := range map[string][]byte{
		"nothing":                  nil,
		"bit size only":            {0, 0, 0, 1},
		"no words, no rlw":         {0, 0, 0, 0, 0, 0, 0, 0},
		"a word cut":               ewahBytes(0, []uint64{0}, 0)[:12],
		"the rlw cut":              ewahBytes(0, []uint64{0}, 0)[:18],
		"word count past the end":  {0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0},
		"literals past the buffer": ewahBytes(0, []uint64{marker(false, 0, 1)}, 0),
		"second marker's literals": ewahBytes(0, []uint64{marker(false, 0, 1), 0, marker(true, 1, 3), 0, 0}, 0),
		"largest literal count":    ewahBytes(0, []uint64{^uint64(0)}, 0),
	} {
		if e, n, err := readEWAH(b); err == nil {
			t.Errorf("%s: read %d bytes: %v", name, n, e.wordList())
		}
	}
}

// FuzzEWAH: no panic on any input; what decodes agrees with git's walk,
// its runs are increasing and count, end and has agree with them.
func FuzzEWAH(f *testing.F) {
	f.Add(ewahBytes(0, []uint64{0}, 0))
	f.Add(ewahBytes(5, []uint64{0x0000000200000000, 0x17}, 0))
	f.Add(ewahBytes(0, []uint64{marker(true, 1, 1), 0b110, marker(false, 2, 1), 1}, 2))
	f.Add(ewahBytes(0, []uint64{marker(false, 0, 1)}, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, n, err := readEWAH(b)
		if err != nil {
			return
		}
		if n > len(b) || n != 12+len(e.words) {
			t.Fatalf("%d bytes of %d, %d of words", n, len(b), len(e.words))
		}
		var prev, count, end uint64
		for s, u := range e.runs {
			if s >= u || s < prev {
				t.Fatalf("run [%d, %d) after %d", s, u, prev)
			}
			prev, count, end = u, count+u-s, u
		}
		if e.count() != count || e.end() != end {
			t.Fatalf("count %d end %d, runs say %d %d", e.count(), e.end(), count, end)
		}
		if ref := gitBits(e.wordList(), 1<<16); ref != nil {
			if got := e.expand(); !slices.Equal(got, ref) {
				t.Fatalf("bits %v, git's walk %v", got, ref)
			}
			for _, p := range append(ref, 0, 1, 63, 64, end, end+1) {
				if e.has(p) != slices.Contains(ref, p) {
					t.Fatalf("has(%d)", p)
				}
			}
		}
	})
}

// FuzzLink: no panic; a link extension that parses is its hash and two
// bitmaps (or the hash alone), byte for byte.
func FuzzLink(f *testing.F) {
	hash := make([]byte, 20)
	for i := range hash {
		hash[i] = byte(i + 1)
	}
	empty := ewahBytes(0, []uint64{0}, 0)
	f.Add(hash, false)
	f.Add(slices.Concat(hash, empty, empty), false)
	f.Add(slices.Concat(hash, ewahBytes(4, []uint64{0x0000000200000000, 0x8}, 0), ewahBytes(5, []uint64{0x0000000200000000, 0x17}, 0)), false)
	f.Add(slices.Concat(hash, hash[:12], empty, empty), true)
	f.Fuzz(func(t *testing.T, b []byte, sha256 bool) {
		size := 20
		if sha256 {
			size = 32
		}
		l, err := readLink(b, size)
		if err != nil {
			return
		}
		if !slices.Equal(l.hash, b[:size]) {
			t.Fatalf("hash %x of %x", l.hash, b)
		}
		if len(b) == size {
			if l.delete.words != nil || l.replace.words != nil {
				t.Fatal("bitmaps from a hash alone")
			}
			return
		}
		again := slices.Concat(l.hash, ewahBytes(l.delete.bitSize, l.delete.wordList(), l.delete.rlw), ewahBytes(l.replace.bitSize, l.replace.wordList(), l.replace.rlw))
		if !slices.Equal(again, b) {
			t.Fatalf("%x read as %x", b, again)
		}
		// check never panics either, whatever the shared index's size.
		for _, n := range []uint64{0, 1, 64, 1 << 40} {
			_ = l.check(n)
		}
	})
}
