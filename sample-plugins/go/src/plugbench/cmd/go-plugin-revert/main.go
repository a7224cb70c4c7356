// The sample plugin served by hashicorp/go-plugin over gRPC, written the way
// go-plugin's examples write a plugin's main: the shared handshake, a plugin
// map, go-plugin's default gRPC server.
package main

import (
	"github.com/hashicorp/go-plugin"

	"plugbench/pluginkit"
	"plugbench/revert"
	"plugbench/shared"
)

func main() {
	// go-plugin hands a plugin its host's own stdin, so the lifeline is the parent pid.
	pluginkit.ExitWhenParentDies()
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: shared.Handshake,
		Plugins:         map[string]plugin.Plugin{shared.PluginName: &shared.ReverterPlugin{Impl: revert.Reverter{}}},
		GRPCServer:      plugin.DefaultGRPCServer,
	})
}
