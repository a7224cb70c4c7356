package revert

import (
	"testing"

	"plugbench/pluginkit"
)

func TestRevertsByCodePoint(t *testing.T) {
	got, err := Reverter{}.Revert("a😀b👍🏽c", pluginkit.NoHost{})
	if err != nil || got != "c🏽👍b😀a" {
		t.Fatalf("Revert = %q, %v", got, err)
	}
}

func TestRefusesInvalidUTF8Itself(t *testing.T) {
	for _, text := range []string{"ab\xffcd", "\xed\xa0\x80"} {
		_, err := Reverter{}.Revert(text, pluginkit.NoHost{})
		if pluginkit.AsError(err).Code != "INVALID_INPUT" {
			t.Fatalf("Revert(%q) error = %v, want INVALID_INPUT", text, err)
		}
	}
}

func TestDecodeTextRefusesLoneSurrogateEscapes(t *testing.T) {
	for raw, index := range map[string]int{`"ab\ud800cd"`: 2, `"\udc00"`: 0, `"😀\uD83D"`: 2} {
		_, err := pluginkit.DecodeText([]byte(raw))
		typed := pluginkit.AsError(err)
		if typed.Code != "INVALID_INPUT" || typed.Data.(map[string]int)["index"] != index {
			t.Fatalf("DecodeText(%s) = %v, want INVALID_INPUT at %d", raw, err, index)
		}
	}
	if text, err := pluginkit.DecodeText([]byte(`"\ud83d\ude00\\ud800"`)); err != nil || text != `😀\ud800` {
		t.Fatalf("a surrogate pair and an escaped backslash: %q, %v", text, err)
	}
}
