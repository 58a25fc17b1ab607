package sales

import (
	"fmt"
	"strconv"
	"strings"
)

// enumName returns names[v], or a form such as "stage_kind(9)" for a value
// the table does not name, so a corrupt value prints as itself.
func enumName[E ~uint8](names []string, v E, kind string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", kind, uint8(v))
}

// enumText is the text an enum marshals to: its name; the empty text for a
// zero value the table does not name; and the form of enumName, such as
// "stage_kind(9)", for a value outside the table, which enumParse reads
// back, so that a record marshals and unmarshals to itself whatever it
// holds.
func enumText[E ~uint8](names []string, v E, kind string) []byte {
	if v == 0 && (len(names) == 0 || names[0] == "") {
		return nil
	}
	return []byte(enumName(names, v, kind))
}

// enumParse is the inverse of enumText. The empty text parses as the zero
// value, so a missing field in JSON reads as "unknown".
func enumParse[E ~uint8](names []string, text []byte, kind string) (E, error) {
	s := string(text)
	if s == "" {
		return 0, nil
	}
	for i, n := range names {
		if n == s {
			return E(i), nil
		}
	}
	prefix := strings.ReplaceAll(kind, " ", "_") + "("
	if num, ok := strings.CutPrefix(s, prefix); ok {
		if num, ok := strings.CutSuffix(num, ")"); ok {
			if n, err := strconv.ParseUint(num, 10, 8); err == nil {
				return E(n), nil
			}
		}
	}
	return 0, fmt.Errorf("sales: unknown %s %q", kind, s)
}

// enumKnown reports whether v has a name in the table (the zero value
// counts only when the table names it).
func enumKnown[E ~uint8](names []string, v E) bool {
	return int(v) < len(names) && names[v] != ""
}
