// Package pluginkit is plugbench's small Go plugin runtime: typed errors,
// the text check, the contract's dispatcher with fault injection, the magic
// cookie, the handshake line and the lifelines. The protocol servers
// (rpcplugin, shared for go-plugin) build on it.
package pluginkit

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Error is a typed error from plugbench's closed set of codes; it crosses
// every boundary as {code, message, data}.
type Error struct {
	Code    string      `json:"code"`
	Message string      `json:"message"`
	Data    interface{} `json:"data,omitempty"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf builds a typed error.
func Errorf(code, format string, args ...interface{}) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// AsError keeps a typed error's code; anything else becomes PLUGIN_ERROR.
func AsError(err error) *Error {
	var typed *Error
	if errors.As(err, &typed) {
		return typed
	}
	return &Error{Code: "PLUGIN_ERROR", Message: err.Error()}
}

// WireJSON is the error as the JSON object the host rebuilds it from.
func WireJSON(err error) string {
	encoded, _ := json.Marshal(AsError(err))
	return string(encoded)
}

// ParseWire rebuilds an error the host sent as JSON; other text is a HOST_ERROR.
func ParseWire(text string) *Error {
	var typed Error
	if json.Unmarshal([]byte(text), &typed) == nil && typed.Code != "" {
		return &typed
	}
	return &Error{Code: "HOST_ERROR", Message: text}
}
