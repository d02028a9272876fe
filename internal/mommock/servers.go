package mommock

import "net"

// The two servers doctor must give up on, for its tests and testscripts.

// ClosedURL is an https URL on 127.0.0.1 at a port nothing listens on: it
// was free a moment ago, so connecting is refused.
func ClosedURL() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return "https://" + ln.Addr().String() + "/", nil
}

// Hang is a server on 127.0.0.1 that accepts connections and never
// answers (a firewall that drops, a wedged proxy).
type Hang struct{ ln net.Listener }

// StartHang starts a Hang; Close stops it and drops what it holds.
func StartHang() (*Hang, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	return &Hang{ln: ln}, nil
}

// URL is the server's https URL with a trailing slash.
func (h *Hang) URL() string { return "https://" + h.ln.Addr().String() + "/" }

// Close stops the server; the connections it held are closed.
func (h *Hang) Close() { h.ln.Close() }
