// Package rpcplugin serves a pluginkit.Plugin with the standard library's
// net/rpc and its JSON codec (net/rpc/jsonrpc, JSON-RPC 1.0), over TCP (the
// seed's program) or over stdin/stdout (the pie pattern). Callbacks go the
// other way on a net/rpc client: the plugin calls the host's Host.Call.
package rpcplugin

import (
	"encoding/json"
	"errors"
	"net/rpc"
	"sync"

	"plugbench/pluginkit"
)

// Protocol is what the handshake line names: JSON-RPC 1.0 as net/rpc/jsonrpc speaks it.
const Protocol = "jsonrpc1"

// TextArgs are the arguments of Revert and RevertWithPrefix. Text stays raw
// JSON so the plugin can refuse a lone surrogate Go's decoder would hide.
type TextArgs struct {
	Text  json.RawMessage `json:"text"`
	Depth int             `json:"depth"`
}

// InvokeArgs call any other method by name (fault injection, a plugin's extras).
type InvokeArgs struct {
	Method string            `json:"method"`
	Args   []json.RawMessage `json:"args"`
	Depth  int               `json:"depth"`
}

// Empty is the argument of Exit and Ping.
type Empty struct{}

// Service is the net/rpc receiver registered as "Plugin": Plugin.Revert, Plugin.Exit...
type Service struct {
	plugin pluginkit.Plugin
	faults *pluginkit.Faults
	host   *hostLink
}

func newService(plugin pluginkit.Plugin, garbage func()) *Service {
	return &Service{plugin: plugin, faults: pluginkit.FaultsFromEnv(garbage), host: newHostLink()}
}

// Revert is the contract's revert.
func (s *Service) Revert(args TextArgs, reply *string) error {
	return s.text(args, reply, s.plugin.Revert)
}

// RevertWithPrefix reverts after asking the host for its prefix.
func (s *Service) RevertWithPrefix(args TextArgs, reply *string) error {
	return s.text(args, reply, s.plugin.RevertWithPrefix)
}

func (s *Service) text(args TextArgs, reply *string, method func(string, pluginkit.Host) (string, error)) error {
	text, err := pluginkit.DecodeText(args.Text)
	if err == nil {
		*reply, err = method(text, s.host.at(args.Depth))
	}
	return wire(err)
}

// Invoke runs any other method; the reply is its result as JSON.
func (s *Service) Invoke(args InvokeArgs, reply *json.RawMessage) error {
	value, err := pluginkit.Dispatch(s.plugin, s.faults, args.Method, args.Args, s.host.at(args.Depth))
	if err != nil {
		return wire(err)
	}
	*reply, err = json.Marshal(value)
	return wire(err)
}

// Exit runs the contract's exit; the process ends when the host then closes its stdin.
func (s *Service) Exit(_ Empty, reply *bool) error {
	*reply = true
	return wire(s.plugin.Exit())
}

// Ping answers health checks.
func (s *Service) Ping(_ Empty, reply *bool) error {
	*reply = true
	return nil
}

// wire turns an error into the typed JSON the host rebuilds; net/rpc carries only its text.
func wire(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(pluginkit.WireJSON(err))
}

// HostCallArgs is a callback: a host function's name, its arguments, the call's depth.
type HostCallArgs struct {
	Name  string        `json:"name"`
	Args  []interface{} `json:"args"`
	Depth int           `json:"depth"`
}

// HostReply wraps the value: net/rpc's JSON codec reads a null result as an error.
type HostReply struct {
	Value json.RawMessage `json:"value"`
}

// hostLink is the net/rpc client on which the plugin calls the host, once the host is there.
type hostLink struct {
	once   sync.Once
	ready  chan struct{}
	client *rpc.Client
}

func newHostLink() *hostLink { return &hostLink{ready: make(chan struct{})} }

func (l *hostLink) attach(client *rpc.Client) {
	l.once.Do(func() {
		l.client = client
		close(l.ready)
	})
}

func (l *hostLink) at(depth int) pluginkit.Host { return host{link: l, depth: depth} }

// host is the pluginkit.Host of one call: callbacks carry the call's depth.
type host struct {
	link  *hostLink
	depth int
}

func (h host) Call(name string, args ...interface{}) (json.RawMessage, error) {
	<-h.link.ready
	if args == nil {
		args = []interface{}{}
	}
	var reply HostReply
	err := h.link.client.Call("Host.Call", HostCallArgs{Name: name, Args: args, Depth: h.depth}, &reply)
	var answered rpc.ServerError
	if errors.As(err, &answered) {
		return nil, pluginkit.ParseWire(string(answered))
	}
	if err != nil {
		return nil, pluginkit.Errorf("HOST_ERROR", "the host is gone: %v", err)
	}
	return reply.Value, nil
}
