package pluginkit

import (
	"encoding/json"
	"os"
	"time"
)

// CrashExitCode is the exit code of fault:crash, so tests can tell it from other deaths.
const CrashExitCode = 70

// FaultInjectionEnv is set to 1 by the host that wants the fault:* methods.
const FaultInjectionEnv = "PLUGBENCH_FAULT_INJECTION"

// Faults are the fault-injection methods, off unless the host asked for them.
// Garbage writes bytes that are not the protocol onto this plugin's channel.
type Faults struct {
	Enabled bool
	Garbage func()
}

// FaultsFromEnv turns the faults on when the host asked for them.
func FaultsFromEnv(garbage func()) *Faults {
	return &Faults{Enabled: os.Getenv(FaultInjectionEnv) == "1", Garbage: garbage}
}

type faultMethod func(args []json.RawMessage) (interface{}, error)

func (f *Faults) method(name string) (faultMethod, bool) {
	if f == nil || !f.Enabled {
		return nil, false
	}
	fault, ok := map[string]faultMethod{
		"fault:crash": func([]json.RawMessage) (interface{}, error) {
			os.Exit(CrashExitCode)
			return nil, nil
		},
		"fault:garbage": func([]json.RawMessage) (interface{}, error) {
			f.Garbage()
			return never()
		},
		// A busy loop: the goroutine never yields an answer; the others keep serving.
		"fault:hang": func([]json.RawMessage) (interface{}, error) {
			for {
			}
		},
		"fault:stall": func([]json.RawMessage) (interface{}, error) { return never() },
		"fault:throw": func(args []json.RawMessage) (interface{}, error) {
			message := "fault injected by request"
			if len(args) > 0 {
				_ = json.Unmarshal(args[0], &message)
			}
			return nil, &Error{Code: "PLUGIN_ERROR", Message: message}
		},
		"fault:sleep": func(args []json.RawMessage) (interface{}, error) {
			var ms float64
			if len(args) > 0 {
				_ = json.Unmarshal(args[0], &ms)
			}
			time.Sleep(time.Duration(ms * float64(time.Millisecond)))
			return "slept", nil
		},
	}[name]
	return fault, ok
}

// never blocks the calling goroutine for good: a call that is never answered.
func never() (interface{}, error) {
	<-make(chan struct{})
	return nil, nil
}
