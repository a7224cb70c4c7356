// Package revert is the sample plugin in Go: what a plugin author writes. The
// same type is served by go-plugin (gRPC), by net/rpc over TCP and over stdio.
package revert

import "plugbench/pluginkit"

// Reverter implements the plugin contract.
type Reverter struct{}

// Revert reverses text by code point (Go's rune), so emoji and other astral
// characters stay whole; reversing bytes, as the seed did, breaks them.
func (Reverter) Revert(text string, host pluginkit.Host) (string, error) {
	if err := pluginkit.CheckText(text); err != nil {
		return "", err
	}
	runes := []rune(text)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes), nil
}

// RevertWithPrefix asks the host for a prefix (one callback), then reverts.
func (r Reverter) RevertWithPrefix(text string, host pluginkit.Host) (string, error) {
	if err := pluginkit.CheckText(text); err != nil {
		return "", err
	}
	prefix, err := pluginkit.GetConfig(host, "prefix")
	if err != nil {
		return "", err
	}
	reverted, err := r.Revert(text, host)
	return prefix + reverted, err
}

// Exit has nothing to release; the host may end the process after it returns.
func (Reverter) Exit() error { return nil }
