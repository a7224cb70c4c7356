package rpcplugin

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/rpc"
	"net/rpc/jsonrpc"
	"os"
	"sync"

	"plugbench/pluginkit"
)

const garbage = "this is not JSON-RPC\n"

// ServeTCP is the seed's program: net/rpc with the JSON codec on 127.0.0.1,
// port 0, announced on the handshake line instead of a sleep. The host's
// first connection carries its calls; on its second the host serves callbacks.
func ServeTCP(plugin pluginkit.Plugin) {
	pluginkit.RefuseUnlessStartedByHost()
	secret := takeSecret()
	pluginkit.ExitWhenStdinCloses()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("cannot listen: %v", err)
	}
	pluginkit.Handshake(os.Stdout, "tcp", listener.Addr().String(), Protocol)
	// Only connections that prove the start's secret are served (auth.go).
	hosts := authenticated(listener, secret)
	calls, callbacks := <-hosts, <-hosts
	// One host per plugin process: later connections are refused.
	listener.Close()
	service := newService(plugin, func() { _, _ = calls.Write([]byte(garbage)) })
	service.host.attach(jsonrpc.NewClient(callbacks))
	serve(service, calls)
}

// ServeStdio is the pie pattern: the plugin is a provider (it serves Plugin.*)
// and a consumer (it calls the host's Host.Call) on its own stdin/stdout, with
// requests and answers of both directions told apart by their "method" field.
// stdin is also the lifeline: EOF ends the process.
func ServeStdio(plugin pluginkit.Plugin) {
	pluginkit.RefuseUnlessStartedByHost()
	out := &lockedWriter{w: os.Stdout}
	pluginkit.Handshake(out, "stdio", "-", Protocol)
	requests, answers := demux(pluginkit.PollableStdin())
	service := newService(plugin, func() { _, _ = out.Write([]byte(garbage)) })
	service.host.attach(jsonrpc.NewClient(duplex{answers, out}))
	serve(service, duplex{requests, out})
}

func serve(service *Service, conn io.ReadWriteCloser) {
	server := rpc.NewServer()
	if err := server.RegisterName("Plugin", service); err != nil {
		fail("cannot register the service: %v", err)
	}
	server.ServeCodec(jsonrpc.NewServerCodec(conn))
	// The host hung up: nothing is left to serve.
	os.Exit(0)
}

// demux splits the messages on `in`, one JSON object per line, into requests
// for the server and answers for the client; the end of `in` ends the process.
func demux(in io.Reader) (requests, answers io.Reader) {
	requestsR, requestsW := io.Pipe()
	answersR, answersW := io.Pipe()
	go func() {
		lines := bufio.NewReaderSize(in, 64*1024)
		for {
			message, err := lines.ReadBytes('\n')
			if err != nil {
				os.Exit(0)
			}
			target := answersW
			if isRequest(message) {
				target = requestsW
			}
			_, _ = target.Write(message)
		}
	}()
	return requestsR, answersR
}

// isRequest: a request names a method, an answer does not.
func isRequest(message []byte) bool {
	if bytes.HasPrefix(message, []byte(`{"method":`)) {
		return true
	}
	var probe struct {
		Method *string `json:"method"`
	}
	return json.Unmarshal(message, &probe) == nil && probe.Method != nil
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

// lockedWriter keeps each message whole when server and client write at once.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// duplex is one direction's reader with the shared writer, as a connection.
type duplex struct {
	io.Reader
	io.Writer
}

func (duplex) Close() error { return nil }
