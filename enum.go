package sales

import "fmt"

// enumName returns names[v], or a form such as "stage_kind(9)" for a value
// the table does not name, so a corrupt value prints as itself.
func enumName[E ~uint8](names []string, v E, kind string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", kind, uint8(v))
}

// enumParse is the inverse of enumName. The empty text parses as the zero
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
	return 0, fmt.Errorf("sales: unknown %s %q", kind, s)
}

// enumKnown reports whether v has a name in the table (the zero value
// counts only when the table names it).
func enumKnown[E ~uint8](names []string, v E) bool {
	return int(v) < len(names) && names[v] != ""
}
