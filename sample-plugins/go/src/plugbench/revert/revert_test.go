package revert

import (
	"fmt"
	"testing"
	"unicode/utf8"

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

// The seed's Revert reversed bytes: every multi-byte character comes out as
// invalid UTF-8. Reversing runes (code points) keeps them whole. (go test
// checks the output below; docs/go-plugins.md quotes it.)
func Example_seedByteReversal() {
	text := "né 😀"
	seed := []byte(text)
	for i, j := 0, len(seed)-1; i < j; i, j = i+1, j-1 {
		seed[i], seed[j] = seed[j], seed[i]
	}
	fmt.Printf("bytes: %q valid UTF-8: %v\n", seed, utf8.Valid(seed))
	reverted, _ := Reverter{}.Revert(text, pluginkit.NoHost{})
	fmt.Printf("runes: %q valid UTF-8: %v\n", reverted, utf8.ValidString(reverted))
	// Output:
	// bytes: "\x80\x98\x9f\xf0 \xa9\xc3n" valid UTF-8: false
	// runes: "😀 én" valid UTF-8: true
}
