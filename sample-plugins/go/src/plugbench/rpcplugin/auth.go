package rpcplugin

// The token preamble of the TCP channel (transports/auth/token-preamble.ts):
// a connection is served only once its first 81 bytes are
// "plugbench-token <the start's secret>\n", compared in constant time; any other
// bytes, or none within preambleWait, and it is closed unread, while the
// plugin keeps waiting for its host. The secret comes from the environment.

import (
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"time"
)

const (
	secretEnv    = "PLUGBENCH_PLUGIN_SECRET"
	preambleWait = 5 * time.Second
	noSecretCode = 64
)

var secretForm = regexp.MustCompile(`^[0-9a-f]{64}$`)

// takeSecret reads the secret once and removes it from the environment; it
// exits 64 with one line when the secret is missing or malformed.
func takeSecret() string {
	secret := os.Getenv(secretEnv)
	os.Unsetenv(secretEnv)
	if !secretForm.MatchString(secret) {
		fmt.Fprintf(os.Stderr, "%s is not set to 64 hex digits: this plugin listens on the network and serves only a host that proves the secret. The host sets it (docs/security.md).\n", secretEnv)
		os.Exit(noSecretCode)
	}
	return secret
}

// authenticated accepts connections and checks each on its own goroutine, so a
// silent stranger holds nothing up for longer than preambleWait; the ones that
// prove the secret come out in the order they were accepted, because the host's
// first connection carries its calls and its second the callbacks.
func authenticated(listener net.Listener, secret string) <-chan net.Conn {
	expected := []byte("plugbench-token " + secret + "\n")
	checks := make(chan chan net.Conn, 64)
	go func() {
		defer close(checks)
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			result := make(chan net.Conn, 1)
			checks <- result
			go check(conn, expected, result)
		}
	}()
	hosts := make(chan net.Conn, 2)
	go func() {
		for result := range checks {
			if conn := <-result; conn != nil {
				select {
				case hosts <- conn:
				default: // the host has both its connections: no one else is served
					conn.Close()
				}
			}
		}
	}()
	return hosts
}

func check(conn net.Conn, expected []byte, result chan<- net.Conn) {
	got := make([]byte, len(expected))
	_ = conn.SetReadDeadline(time.Now().Add(preambleWait))
	_, err := io.ReadFull(conn, got)
	if err != nil || subtle.ConstantTimeCompare(got, expected) != 1 {
		fmt.Fprintf(os.Stderr, "refused a connection from %s: no valid token\n", conn.RemoteAddr())
		conn.Close()
		result <- nil
		return
	}
	_ = conn.SetReadDeadline(time.Time{})
	result <- conn
}
