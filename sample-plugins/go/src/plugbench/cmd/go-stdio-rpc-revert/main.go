// The pie pattern in Go, standard library only: the plugin serves Plugin.* on
// its stdin/stdout (provider) and calls the host's Host.Call on the same pipe
// (consumer, for callbacks).
package main

import (
	"plugbench/revert"
	"plugbench/rpcplugin"
)

func main() {
	rpcplugin.ServeStdio(revert.Reverter{})
}
