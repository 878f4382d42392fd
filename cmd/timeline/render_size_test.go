package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestWarnHeavy checks that render warns about a page too heavy to open
// quickly, with its size and what to run instead, and keeps quiet below.
func TestWarnHeavy(t *testing.T) {
	for _, tt := range []struct {
		csv  int
		warn bool
	}{{1 << 20, false}, {80 << 20, false}, {120 << 20, true}, {272 << 20, true}} {
		var stderr bytes.Buffer
		warnHeavy(tt.csv, &env{stderr: &stderr})
		got := stderr.String()
		if (got != "") != tt.warn {
			t.Errorf("a CSV of %d MB: warning %q, want one: %v", tt.csv>>20, got, tt.warn)
			continue
		}
		if tt.warn && (!strings.Contains(got, "timeline chart") || !strings.Contains(got, " MB")) {
			t.Errorf("the warning %q does not say the size and suggest timeline chart", got)
		}
	}
}
