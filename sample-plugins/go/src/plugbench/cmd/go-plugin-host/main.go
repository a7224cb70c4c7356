// A go-plugin host, as go-plugin's examples write one: plugin.NewClient,
// Client(), Dispense. It runs any plugin command that speaks go-plugin's
// protocol with the shared handshake (the Go sample, or plugbench's Node
// plugin), makes the calls listed in a JSON file and prints one JSON answer
// per call. Usage: go-plugin-host [-automtls] -cases FILE -- COMMAND [ARGS...]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/ioutil"
	"os"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"plugbench/pluginkit"
	"plugbench/shared"
)

// Case is one call: a method, its text, and the config the host answers getConfig with.
type Case struct {
	Method string            `json:"method"`
	Text   string            `json:"text"`
	Config map[string]string `json:"config,omitempty"`
}

// Answer is what the call returned.
type Answer struct {
	Method string           `json:"method"`
	Value  *string          `json:"value,omitempty"`
	Error  *pluginkit.Error `json:"error,omitempty"`
}

func main() {
	autoMTLS := flag.Bool("automtls", false, "negotiate mTLS with the plugin (go-plugin's AutoMTLS)")
	casesFile := flag.String("cases", "", "JSON file with the calls to make")
	flag.Parse()
	if flag.NArg() == 0 || *casesFile == "" {
		fmt.Fprintln(os.Stderr, "usage: go-plugin-host [-automtls] -cases FILE -- COMMAND [ARGS...]")
		os.Exit(2)
	}
	var cases []Case
	if text, err := ioutil.ReadFile(*casesFile); err != nil || json.Unmarshal(text, &cases) != nil {
		fmt.Fprintf(os.Stderr, "cannot read the cases in %s: %v\n", *casesFile, err)
		os.Exit(2)
	}
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  shared.Handshake,
		Plugins:          shared.PluginMap,
		Cmd:              exec.Command(flag.Arg(0), flag.Args()[1:]...),
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         *autoMTLS,
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "go-plugin-host", Level: hclog.Warn, Output: os.Stderr}),
	})
	// Kill asks the plugin to shut down (GRPCController), waits, then kills.
	defer client.Kill()
	if err := run(client, cases); err != nil {
		fmt.Fprintln(os.Stderr, err)
		client.Kill()
		os.Exit(1)
	}
}

func run(client *plugin.Client, cases []Case) error {
	protocol, err := client.Client()
	if err != nil {
		return fmt.Errorf("cannot start the plugin: %v", err)
	}
	raw, err := protocol.Dispense(shared.PluginName)
	if err != nil {
		return fmt.Errorf("cannot dispense %q: %v", shared.PluginName, err)
	}
	reverter := raw.(*shared.GRPCClient)
	out := json.NewEncoder(os.Stdout)
	for _, c := range cases {
		_ = out.Encode(call(reverter, c))
	}
	if err := protocol.Ping(); err != nil {
		return fmt.Errorf("ping failed: %v", err)
	}
	return out.Encode(map[string]string{"ping": "ok", "protocol": string(client.Protocol())})
}

func call(reverter *shared.GRPCClient, c Case) Answer {
	var value string
	var err error
	switch c.Method {
	case "revert":
		value, err = reverter.Revert(c.Text, nil)
	case "revertWithPrefix":
		value, err = reverter.RevertWithPrefix(c.Text, configHost(c.Config))
	default:
		var result interface{}
		result, err = reverter.Invoke(c.Method, []json.RawMessage{mustJSON(c.Text)}, configHost(c.Config))
		value = fmt.Sprint(result)
	}
	if err != nil {
		return Answer{Method: c.Method, Error: pluginkit.AsError(err)}
	}
	return Answer{Method: c.Method, Value: &value}
}

// configHost is the host's functions: getConfig from the case's config.
type configHost map[string]string

func (h configHost) Call(name string, args ...interface{}) (json.RawMessage, error) {
	if name != "getConfig" || len(args) != 1 {
		return nil, pluginkit.Errorf("HOST_FUNCTION_NOT_FOUND", "host function %q does not exist (known: getConfig)", name)
	}
	value, ok := h[fmt.Sprint(args[0])]
	if !ok {
		return json.RawMessage("null"), nil
	}
	return mustJSON(value), nil
}

func mustJSON(value interface{}) json.RawMessage {
	encoded, _ := json.Marshal(value)
	return encoded
}
