// Package shared is what a go-plugin host and its plugins share, as in
// go-plugin's examples: the handshake, the plugin map, the interface and the
// gRPC glue on both sides. plugbench's Node host reads the same handshake.json.
package shared

import (
	"context"
	_ "embed" // the handshake, read by the Node host too
	"encoding/json"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"plugbench/pluginkit"
	"plugbench/shared/proto"
)

//go:embed handshake.json
var handshakeJSON []byte

var handshake = func() (config struct {
	ProtocolVersion  uint   `json:"protocolVersion"`
	MagicCookieKey   string `json:"magicCookieKey"`
	MagicCookieValue string `json:"magicCookieValue"`
	PluginName       string `json:"pluginName"`
}) {
	if err := json.Unmarshal(handshakeJSON, &config); err != nil {
		panic("shared/handshake.json: " + err.Error())
	}
	return config
}()

// Handshake is the configuration host and plugin must agree on: a plugin
// started without this cookie refuses to run.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  handshake.ProtocolVersion,
	MagicCookieKey:   handshake.MagicCookieKey,
	MagicCookieValue: handshake.MagicCookieValue,
}

// PluginName is the name the plugin is dispensed by.
var PluginName = handshake.PluginName

// PluginMap is the plugins a host can dispense.
var PluginMap = map[string]plugin.Plugin{PluginName: &ReverterPlugin{}}

// Reverter is the interface the host dispenses and the plugin implements.
type Reverter = pluginkit.Plugin

// ReverterPlugin is the go-plugin Plugin: gRPC only.
type ReverterPlugin struct {
	plugin.NetRPCUnsupportedPlugin
	// Impl is the plugin's implementation, on the plugin side.
	Impl Reverter
}

// GRPCServer registers the plugin's service on go-plugin's gRPC server.
func (p *ReverterPlugin) GRPCServer(broker *plugin.GRPCBroker, server *grpc.Server) error {
	proto.RegisterReverterServer(server, newGRPCServer(p.Impl, broker))
	return nil
}

// GRPCClient is the host's side: a Reverter that calls the plugin over gRPC.
func (p *ReverterPlugin) GRPCClient(_ context.Context, broker *plugin.GRPCBroker, conn *grpc.ClientConn) (interface{}, error) {
	return &GRPCClient{client: proto.NewReverterClient(conn), broker: broker}, nil
}
