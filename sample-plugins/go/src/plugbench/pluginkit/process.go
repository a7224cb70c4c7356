package pluginkit

import (
	"fmt"
	"io"
	"io/ioutil"
	"os"
	"syscall"
	"time"
)

// The magic cookie plugbench's host puts in the environment (go-plugin's idea):
// a plugin started by hand says what it is instead of waiting on a terminal.
const (
	MagicCookieKey      = "PLUGBENCH_PLUGIN_MAGIC_COOKIE"
	MagicCookieValue    = "f3b1c2d4e5a6-plugbench-revert-plugin"
	NotByHandExitCode   = 64
	notByHandMessage    = "This is a plugbench plugin: it is meant to be started by plugbench (the host), not run by hand. Try `npx plugbench demo <target>` instead."
	coreProtocolVersion = 1
	appProtocolVersion  = 1
)

// RefuseUnlessStartedByHost exits with a clear message when the cookie is missing.
func RefuseUnlessStartedByHost() {
	if os.Getenv(MagicCookieKey) == MagicCookieValue {
		return
	}
	fmt.Fprintln(os.Stderr, notByHandMessage)
	os.Exit(NotByHandExitCode)
}

// Handshake prints plugbench's handshake line, CORE|APP|NETWORK|ADDRESS|PROTOCOL,
// the first line on stdout: the host learns where to connect from it, never from a sleep.
func Handshake(out io.Writer, network, address, protocol string) {
	fmt.Fprintf(out, "%d|%d|%s|%s|%s\n", coreProtocolVersion, appProtocolVersion, network, address, protocol)
}

// ExitWhenStdinCloses is the lifeline: the host holds our stdin, and EOF means
// it is done with us or gone (even killed by SIGKILL).
func ExitWhenStdinCloses() {
	go func() {
		_, _ = io.Copy(ioutil.Discard, os.Stdin)
		os.Exit(0)
	}()
}

// PollableStdin is stdin read through Go's network poller: the host's pipe
// comes blocking, so each read of os.Stdin is a blocking syscall, and with one
// CPU (GOMAXPROCS=1) the runtime's monitor takes the processor from the reader
// in a share of the calls that changed with the run's timing (1.0 to 1.4 thread
// switches and 9.5 to 15 us of the plugin's CPU a call, the same binary; see
// docs/where-the-time-goes.md). os.Stdin itself when the pipe cannot be made
// non-blocking.
func PollableStdin() *os.File {
	if syscall.SetNonblock(syscall.Stdin, true) != nil {
		return os.Stdin
	}
	return os.NewFile(uintptr(syscall.Stdin), "/dev/stdin")
}

// ExitWhenParentDies watches the parent pid: for plugins whose stdin is not
// the host's to hold (go-plugin gives a plugin the host's own stdin).
func ExitWhenParentDies() {
	parent := os.Getppid()
	go func() {
		for os.Getppid() == parent {
			time.Sleep(250 * time.Millisecond)
		}
		os.Exit(0)
	}()
}
