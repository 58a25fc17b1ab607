package activity

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/salespilot/sales"
)

// TestJSONRoundTrip checks that every result reads back from its JSON
// unchanged, as parts that travel between machines must.
func TestJSONRoundTrip(t *testing.T) {
	ds := handDataset()
	r01, _ := ActivitiesByType(ds, march)
	r02, _ := CallsPerRep(ds, march)
	r03, _ := EmailsPerRep(ds, sales.Calendar{}, sales.UnitWeek, march)
	r04, _ := CallTimePerDay(ds, march)
	r05 := r04.Average()
	r06, _ := TasksPerRep(ds, march, asOf)
	r13, _ := EffortPerDeal(ds, march, asOf)
	r18, _ := MeetingDurations(ds, march)
	r19, _ := MeetingOutcomes(ds, march)
	r40, _ := ResponseTime(ds, march, asOf, ResponseOptions{})
	for name, v := range map[string]any{"R01": &r01, "R02": &r02, "R03": &r03, "R04": &r04,
		"R05": &r05, "R06": &r06, "R13": &r13, "R18": &r18, "R19": &r19, "R40": &r40} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%s: Marshal: %v", name, err)
			continue
		}
		back := reflect.New(reflect.TypeOf(v).Elem())
		if err := json.Unmarshal(b, back.Interface()); err != nil {
			t.Errorf("%s: Unmarshal: %v", name, err)
			continue
		}
		b2, _ := json.Marshal(back.Interface())
		if !bytes.Equal(b, b2) {
			t.Errorf("%s: JSON does not read back unchanged:\n%s\n%s", name, b, b2)
		}
	}
}
