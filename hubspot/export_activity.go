package hubspot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/salespilot/sales"
)

// Activity exports are the least settled of HubSpot's exports: their
// columns are read as the labels below, and anything else is reported.

var activityTypeLabels = map[string]sales.ActivityType{
	"call": sales.ActivityCall, "calls": sales.ActivityCall,
	"email": sales.ActivityEmail, "emails": sales.ActivityEmail,
	"meeting": sales.ActivityMeeting, "meetings": sales.ActivityMeeting,
	"task": sales.ActivityTask, "tasks": sales.ActivityTask,
	"note": sales.ActivityNote, "notes": sales.ActivityNote,
}

var callOutcomeLabels = map[string]sales.CallOutcome{
	"connected": sales.CallConnected, "left voicemail": sales.CallLeftVoicemail,
	"left live message": sales.CallLeftLiveMessage, "no answer": sales.CallNoAnswer,
	"busy": sales.CallBusy, "wrong number": sales.CallWrongNumber,
}

var meetingOutcomeLabels = map[string]sales.MeetingOutcome{
	"scheduled": sales.MeetingScheduled, "completed": sales.MeetingCompleted,
	"rescheduled": sales.MeetingRescheduled, "no show": sales.MeetingNoShow,
	"canceled": sales.MeetingCanceled, "cancelled": sales.MeetingCanceled,
}

var taskStatusLabels = map[string]sales.TaskStatus{
	"not started": sales.TaskNotStarted, "in progress": sales.TaskInProgress,
	"waiting": sales.TaskWaiting, "deferred": sales.TaskDeferred, "completed": sales.TaskCompleted,
}

var directionLabels = map[string]sales.Direction{
	"inbound": sales.DirectionInbound, "incoming": sales.DirectionInbound,
	"received": sales.DirectionInbound, "incoming email": sales.DirectionInbound,
	"outbound": sales.DirectionOutbound, "outgoing": sales.DirectionOutbound,
	"sent": sales.DirectionOutbound, "email": sales.DirectionOutbound,
}

// label looks a cell up in a table of labels (matched folded, with
// underscores read as spaces), reporting a value it does not hold.
func label[T any](r *row, field string, table map[string]T) T {
	var zero T
	v, col := r.get(field)
	if v == "" {
		return zero
	}
	out, ok := table[fold(strings.ReplaceAll(v, "_", " "))]
	if !ok {
		r.reject(col, v, "a value this library does not know")
	}
	return out
}

func (x *exportReader) activity(r *row, id string) (sales.Activity, bool) {
	v, col := r.get("activity_type")
	typ, ok := activityTypeLabels[fold(strings.ReplaceAll(v, "_", " "))]
	if !ok || typ == 0 {
		r.dropRow(col, v, "no activity type this library knows; row left out")
		return sales.Activity{}, false
	}
	subject, _ := r.get("subject")
	a := sales.Activity{ID: sales.ActivityID(id), Type: typ, Owner: x.owner(r), Subject: subject,
		Time: x.time(r, "activity_date"), Deals: idList[sales.DealID](r, "deals"),
		Contacts: idList[sales.ContactID](r, "contacts"), Companies: idList[sales.CompanyID](r, "companies")}
	switch typ {
	case sales.ActivityCall:
		a.Direction = label(r, "direction", directionLabels)
		a.CallOutcome = callOutcome(r)
		if v, col := r.get("call_duration"); v != "" {
			d, err := parseClock(v)
			if err != nil {
				r.reject(col, v, err.Error())
			}
			a.Duration = d
		}
	case sales.ActivityEmail:
		a.Direction = label(r, "direction", directionLabels)
	case sales.ActivityMeeting:
		a.MeetingOutcome = label(r, "meeting_outcome", meetingOutcomeLabels)
		a.MeetingEnd = x.time(r, "meeting_end")
	case sales.ActivityTask:
		a.TaskStatus = label(r, "task_status", taskStatusLabels)
		a.TaskDue = x.time(r, "due_date")
		if a.TaskStatus == sales.TaskCompleted {
			a.TaskCompleted = x.time(r, "completed")
		}
		if c := x.time(r, "created"); !c.IsZero() {
			a.Time = c // a task's time is its creation
		}
	}
	return a, true
}

// callOutcome reads a call's outcome: a label, or the disposition's GUID
// that an export of internal values holds.
func callOutcome(r *row) sales.CallOutcome {
	v, _ := r.get("call_outcome")
	if o, ok := callOutcomes[strings.ToLower(v)]; ok {
		return o
	}
	return label(r, "call_outcome", callOutcomeLabels)
}

// parseClock reads a duration written "HH:MM:SS" or "MM:SS", or a plain
// number of milliseconds.
func parseClock(s string) (time.Duration, error) {
	if !strings.Contains(s, ":") {
		d, ok, err := parseMillis(s)
		if err != nil || !ok {
			return 0, errors.New("not a duration (want HH:MM:SS or milliseconds)")
		}
		return d, nil
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, errors.New("not a duration (want HH:MM:SS)")
	}
	var total time.Duration
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || len(p) > 6 || (i > 0 && n > 59) {
			return 0, errors.New("not a duration (want HH:MM:SS)")
		}
		total = total*60 + time.Duration(n)
	}
	return total * time.Second, nil
}
