package sales

import "time"

// ActivityType says what kind of activity a record is.
type ActivityType uint8

// Activity types. The zero value is not a type: Validate reports an
// activity that has none.
const (
	ActivityCall ActivityType = iota + 1
	ActivityEmail
	ActivityMeeting
	ActivityTask
	ActivityNote
)

// NumActivityTypes is one more than the largest ActivityType, for arrays
// indexed by type.
const NumActivityTypes = int(ActivityNote) + 1

var activityTypeNames = []string{"", "call", "email", "meeting", "task", "note"}

// String returns "call", "email", "meeting", "task" or "note".
func (t ActivityType) String() string { return enumName(activityTypeNames, t, "activity_type") }

// MarshalText encodes t by its name; see String.
func (t ActivityType) MarshalText() ([]byte, error) {
	return enumText(activityTypeNames, t, "activity_type"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (t *ActivityType) UnmarshalText(b []byte) error {
	v, err := enumParse[ActivityType](activityTypeNames, b, "activity type")
	*t = v
	return err
}

// Direction says whether a call or an email went out from the team or came
// in to it.
type Direction uint8

// Directions. DirectionUnknown is the zero value.
const (
	DirectionUnknown Direction = iota
	DirectionInbound
	DirectionOutbound
)

var directionNames = []string{"unknown", "inbound", "outbound"}

// String returns "unknown", "inbound" or "outbound".
func (d Direction) String() string { return enumName(directionNames, d, "direction") }

// MarshalText encodes d by its name; see String.
func (d Direction) MarshalText() ([]byte, error) {
	return enumText(directionNames, d, "direction"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (d *Direction) UnmarshalText(b []byte) error {
	v, err := enumParse[Direction](directionNames, b, "direction")
	*d = v
	return err
}

// CallOutcome is how a call went.
type CallOutcome uint8

// Call outcomes. CallOutcomeUnknown is the zero value: no outcome logged,
// or one this library does not know.
const (
	CallOutcomeUnknown CallOutcome = iota
	CallConnected
	CallLeftVoicemail
	CallLeftLiveMessage
	CallNoAnswer
	CallBusy
	CallWrongNumber
)

// NumCallOutcomes is one more than the largest CallOutcome.
const NumCallOutcomes = int(CallWrongNumber) + 1

var callOutcomeNames = []string{
	"unknown", "connected", "left_voicemail", "left_live_message",
	"no_answer", "busy", "wrong_number",
}

// String returns the outcome's name, such as "left_voicemail".
func (o CallOutcome) String() string { return enumName(callOutcomeNames, o, "call_outcome") }

// MarshalText encodes o by its name; see String.
func (o CallOutcome) MarshalText() ([]byte, error) {
	return enumText(callOutcomeNames, o, "call_outcome"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (o *CallOutcome) UnmarshalText(b []byte) error {
	v, err := enumParse[CallOutcome](callOutcomeNames, b, "call outcome")
	*o = v
	return err
}

// MeetingOutcome is what became of a meeting.
type MeetingOutcome uint8

// Meeting outcomes. MeetingOutcomeUnknown is the zero value: a meeting with
// no outcome is not taken to have been held.
const (
	MeetingOutcomeUnknown MeetingOutcome = iota
	MeetingScheduled
	MeetingCompleted
	MeetingRescheduled
	MeetingNoShow
	MeetingCanceled
)

// NumMeetingOutcomes is one more than the largest MeetingOutcome.
const NumMeetingOutcomes = int(MeetingCanceled) + 1

var meetingOutcomeNames = []string{
	"unknown", "scheduled", "completed", "rescheduled", "no_show", "canceled",
}

// String returns the outcome's name, such as "no_show".
func (o MeetingOutcome) String() string {
	return enumName(meetingOutcomeNames, o, "meeting_outcome")
}

// MarshalText encodes o by its name; see String.
func (o MeetingOutcome) MarshalText() ([]byte, error) {
	return enumText(meetingOutcomeNames, o, "meeting_outcome"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (o *MeetingOutcome) UnmarshalText(b []byte) error {
	v, err := enumParse[MeetingOutcome](meetingOutcomeNames, b, "meeting outcome")
	*o = v
	return err
}

// TaskStatus is a task's status as the CRM records it.
type TaskStatus uint8

// Task statuses. TaskStatusUnknown is the zero value.
const (
	TaskStatusUnknown TaskStatus = iota
	TaskNotStarted
	TaskInProgress
	TaskWaiting
	TaskDeferred
	TaskCompleted
)

var taskStatusNames = []string{
	"unknown", "not_started", "in_progress", "waiting", "deferred", "completed",
}

// String returns the status's name, such as "not_started".
func (s TaskStatus) String() string { return enumName(taskStatusNames, s, "task_status") }

// MarshalText encodes s by its name; see String.
func (s TaskStatus) MarshalText() ([]byte, error) {
	return enumText(taskStatusNames, s, "task_status"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (s *TaskStatus) UnmarshalText(b []byte) error {
	v, err := enumParse[TaskStatus](taskStatusNames, b, "task status")
	*s = v
	return err
}

// Activity is one call, email, meeting, task or note. The fields after
// Companies apply to some types only, as their comments say; the others
// are left zero.
type Activity struct {
	ID   ActivityID   `json:"id"`
	Type ActivityType `json:"type"`
	// Owner is the rep who did the activity; empty means unassigned.
	// Activity reports attribute an activity to its own owner, whoever
	// owns the deals it is about.
	Owner OwnerID `json:"owner,omitempty"`
	// Time is when the activity took place: when a call was made, an
	// email sent or received, a meeting started, a note written, or a
	// task created.
	Time    time.Time `json:"time"`
	Subject string    `json:"subject,omitempty"`

	// The records the activity is associated with.
	Deals     []DealID    `json:"deals,omitempty"`
	Contacts  []ContactID `json:"contacts,omitempty"`
	Companies []CompanyID `json:"companies,omitempty"`

	// Direction applies to calls and emails.
	Direction Direction `json:"direction,omitzero"`
	// Duration is how long a call lasted.
	Duration    time.Duration `json:"duration,omitzero"`
	CallOutcome CallOutcome   `json:"call_outcome,omitzero"`

	// MeetingEnd is when a meeting ended; zero when unknown. The start
	// is Time.
	MeetingEnd     time.Time      `json:"meeting_end,omitzero"`
	MeetingOutcome MeetingOutcome `json:"meeting_outcome,omitzero"`

	// TaskStatus, TaskDue and TaskCompleted apply to tasks. A zero
	// TaskDue means the task has no due date; a zero TaskCompleted means
	// it has not been completed, or the CRM did not record when.
	TaskStatus    TaskStatus `json:"task_status,omitzero"`
	TaskDue       time.Time  `json:"task_due,omitzero"`
	TaskCompleted time.Time  `json:"task_completed,omitzero"`
}

// TaskState is where a task stands at a given instant.
type TaskState uint8

// Task states. The zero value, TaskStateNone, is for activities that are
// not tasks and tasks not yet created at the instant asked about.
const (
	TaskStateNone TaskState = iota
	TaskStateCompleted
	TaskStateInProgress
	TaskStateOverdue
)

var taskStateNames = []string{"none", "completed", "in_progress", "overdue"}

// String returns "none", "completed", "in_progress" or "overdue".
func (s TaskState) String() string { return enumName(taskStateNames, s, "task_state") }

// MarshalText encodes s by its name; see String.
func (s TaskState) MarshalText() ([]byte, error) {
	return enumText(taskStateNames, s, "task_state"), nil
}

// StateAt returns where the task a stood at asOf. A task is completed
// once its completion time is at or before asOf; a task whose status is
// completed but whose completion time is unknown counts as completed at
// any asOf after its creation. A task not completed is overdue when its due
// date is before asOf, and in progress otherwise: a task with no due date
// is never overdue, and one due later the same day is in progress.
//
// StateAt returns TaskStateNone for an activity that is not a task and for
// a task created after asOf (or with no creation time).
func (a *Activity) StateAt(asOf time.Time) TaskState {
	if a.Type != ActivityTask || a.Time.IsZero() || a.Time.After(asOf) {
		return TaskStateNone
	}
	switch {
	case !a.TaskCompleted.IsZero() && !a.TaskCompleted.After(asOf):
		return TaskStateCompleted
	case a.TaskCompleted.IsZero() && a.TaskStatus == TaskCompleted:
		return TaskStateCompleted
	case !a.TaskDue.IsZero() && a.TaskDue.Before(asOf):
		return TaskStateOverdue
	}
	return TaskStateInProgress
}
