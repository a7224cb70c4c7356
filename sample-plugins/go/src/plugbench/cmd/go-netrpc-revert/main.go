// The seed's plugin: Plugin.Revert and Plugin.Exit served by the standard
// library's net/rpc over TCP with its JSON codec (net/rpc/jsonrpc), so a Node
// host can speak it. The address comes on a handshake line, not after a sleep.
package main

import (
	"plugbench/revert"
	"plugbench/rpcplugin"
)

func main() {
	rpcplugin.ServeTCP(revert.Reverter{})
}
