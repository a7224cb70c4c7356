package pluginkit

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// CheckText refuses text that is not well-formed Unicode (in Go: valid UTF-8;
// an encoded surrogate is invalid UTF-8 too). The index counts UTF-16 units,
// as the host's own check does.
func CheckText(text string) error {
	if utf8.ValidString(text) {
		return nil
	}
	index := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			return invalidText("invalid UTF-8", index)
		}
		index += utf16Units(r)
		i += size
	}
	return nil
}

// DecodeText reads a JSON string argument. Go's JSON decoder turns a lone
// surrogate escape (\ud800) into U+FFFD without a word, so the raw text is
// checked first: the plugin refuses what it cannot represent.
func DecodeText(raw json.RawMessage) (string, error) {
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		return "", Errorf("INVALID_INPUT", "text must be a string, got %s", jsonKind(raw))
	}
	if index := loneSurrogate(raw); index >= 0 {
		return "", invalidText("lone surrogate", index)
	}
	return text, CheckText(text)
}

// loneSurrogate scans a JSON string literal; the UTF-16 index of the first
// unpaired surrogate escape, or -1.
func loneSurrogate(raw []byte) int {
	if bytes.IndexByte(raw, '\\') < 0 {
		return -1
	}
	units := 0
	for i := 1; i < len(raw)-1; {
		if raw[i] != '\\' {
			r, size := utf8.DecodeRune(raw[i:])
			units += utf16Units(r)
			i += size
			continue
		}
		if raw[i+1] != 'u' {
			units++
			i += 2
			continue
		}
		unit := hex4(raw[i+2 : i+6])
		switch {
		case unit >= 0xd800 && unit <= 0xdbff:
			if i+12 > len(raw) || raw[i+6] != '\\' || raw[i+7] != 'u' || !isLow(hex4(raw[i+8:i+12])) {
				return units
			}
			units += 2
			i += 12
		case isLow(unit):
			return units
		default:
			units++
			i += 6
		}
	}
	return -1
}

func isLow(unit int) bool { return unit >= 0xdc00 && unit <= 0xdfff }

func hex4(digits []byte) int {
	value := 0
	for _, c := range digits {
		value <<= 4
		switch {
		case c >= '0' && c <= '9':
			value |= int(c - '0')
		case c >= 'a' && c <= 'f':
			value |= int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			value |= int(c-'A') + 10
		}
	}
	return value
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

func jsonKind(raw json.RawMessage) string {
	var value interface{}
	if json.Unmarshal(raw, &value) != nil {
		return "malformed JSON"
	}
	switch value.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case []interface{}:
		return "array"
	case map[string]interface{}:
		return "object"
	}
	return "string"
}

func invalidText(what string, index int) *Error {
	return &Error{Code: "INVALID_INPUT", Message: "text is not well-formed Unicode: " + what + " at index " + strconv.Itoa(index), Data: map[string]int{"index": index}}
}
