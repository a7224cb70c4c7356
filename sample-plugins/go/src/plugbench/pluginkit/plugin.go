package pluginkit

import "encoding/json"

// Plugin is the contract a Go plugin author implements: revert by code point,
// revert with the host's prefix (one callback), and a graceful exit.
type Plugin interface {
	Revert(text string, host Host) (string, error)
	RevertWithPrefix(text string, host Host) (string, error)
	Exit() error
}

// Invoker is optional: a plugin's methods beyond the contract, by name.
type Invoker interface {
	Invoke(method string, args []json.RawMessage, host Host) (interface{}, error)
}

// Host calls back into the host while a call is served: getConfig, log, or
// any host function by name. Each protocol supplies its own.
type Host interface {
	Call(name string, args ...interface{}) (json.RawMessage, error)
}

// GetConfig asks the host for a configuration value; "" when it has none.
func GetConfig(host Host, key string) (string, error) {
	raw, err := host.Call("getConfig", key)
	if err != nil {
		return "", err
	}
	var value *string
	if json.Unmarshal(raw, &value) != nil || value == nil {
		return "", nil
	}
	return *value, nil
}

// Log sends one log line to the host.
func Log(host Host, level, message string) error {
	_, err := host.Call("log", level, message)
	return err
}

// NoHost is the host of a call made without one: every callback fails.
type NoHost struct{}

// Call fails: nobody is there to answer.
func (NoHost) Call(name string, args ...interface{}) (json.RawMessage, error) {
	return nil, Errorf("HOST_FUNCTION_NOT_FOUND", "host function %q does not exist: this call came without a host", name)
}

// Dispatch runs one call by method name: the contract's methods, the fault
// methods when the host asked for them, then the plugin's own extras.
func Dispatch(plugin Plugin, faults *Faults, method string, args []json.RawMessage, host Host) (interface{}, error) {
	switch method {
	case "revert", "revertWithPrefix":
		if len(args) != 1 {
			return nil, Errorf("INVALID_INPUT", "%s takes exactly one argument (text), got %d", method, len(args))
		}
		text, err := DecodeText(args[0])
		if err != nil {
			return nil, err
		}
		if method == "revert" {
			return plugin.Revert(text, host)
		}
		return plugin.RevertWithPrefix(text, host)
	case "exit":
		return nil, plugin.Exit()
	}
	if fault, ok := faults.method(method); ok {
		return fault(args)
	}
	if invoker, ok := plugin.(Invoker); ok {
		return invoker.Invoke(method, args, host)
	}
	return nil, MethodNotFound(method)
}

// MethodNotFound is the error for a method the plugin does not offer.
func MethodNotFound(method string) *Error {
	return &Error{Code: "METHOD_NOT_FOUND", Message: "plugin has no method \"" + method + "\"", Data: map[string]string{"method": method}}
}
