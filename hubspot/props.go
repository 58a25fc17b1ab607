package hubspot

import "github.com/salespilot/sales"

// HubSpot's internal names of the object types the client reads, as they
// appear in API paths.
const (
	objDeals     = "deals"
	objContacts  = "contacts"
	objCompanies = "companies"
	objCalls     = "calls"
	objEmails    = "emails"
	objMeetings  = "meetings"
	objNotes     = "notes"
	objTasks     = "tasks"
	objProducts  = "products"
	objLineItems = "line_items"
	objGoals     = "goal_targets"
	objOwners    = "owners"
	objPipelines = "pipelines"
)

// activityObjects lists the engagement types in the order they are read,
// with the activity type each becomes.
var activityObjects = []struct {
	name string
	typ  sales.ActivityType
}{
	{objCalls, sales.ActivityCall},
	{objEmails, sales.ActivityEmail},
	{objMeetings, sales.ActivityMeeting},
	{objNotes, sales.ActivityNote},
	{objTasks, sales.ActivityTask},
}

// Association type ids that mark a primary company.
const (
	typeDealPrimaryCompany    = 5
	typeContactPrimaryCompany = 1
)

// Properties read of each object type. Properties that a portal does not
// have come back empty, which HubSpot does not treat as an error.
var (
	dealProps = []string{
		"dealname", "hubspot_owner_id", "pipeline", "dealstage", "amount",
		"deal_currency_code", "createdate", "closedate", "closed_lost_reason",
		"hs_analytics_source", "dealtype", "hs_merged_object_ids",
	}
	dealHistory = []string{"dealstage", "closedate"}

	contactProps = append([]string{
		"firstname", "lastname", "email", "hubspot_owner_id", "createdate",
		"lifecyclestage", "hs_lead_status", "hs_analytics_source", "associatedcompanyid",
		"hs_merged_object_ids",
	}, lifecycleDateProps()...)

	companyProps = []string{
		"name", "domain", "type", "industry", "country", "hubspot_owner_id", "createdate",
		"hs_merged_object_ids",
	}
	productProps  = []string{"name", "hs_sku", "price"}
	lineItemProps = []string{
		"name", "hs_product_id", "quantity", "price", "amount", "hs_line_item_currency_code",
	}
	goalProps = []string{
		"hs_goal_name", "hs_goal_type", "hs_target_amount", "hs_start_datetime",
		"hs_end_datetime", "hubspot_owner_id", "hs_assignee_user_id", "hs_assignee_team_id",
		"hubspot_team_id",
	}
	activityProps = map[string][]string{
		objCalls: {"hs_timestamp", "hubspot_owner_id", "hs_call_title", "hs_call_direction",
			"hs_call_duration", "hs_call_disposition", "hs_call_status"},
		objEmails: {"hs_timestamp", "hubspot_owner_id", "hs_email_subject",
			"hs_email_direction"},
		objMeetings: {"hs_timestamp", "hubspot_owner_id", "hs_meeting_title",
			"hs_meeting_start_time", "hs_meeting_end_time", "hs_meeting_outcome"},
		objNotes: {"hs_timestamp", "hubspot_owner_id", "hs_note_body"},
		objTasks: {"hs_timestamp", "hs_createdate", "hubspot_owner_id", "hs_task_subject",
			"hs_task_status", "hs_task_completion_date"},
	}
)

// lifecycleNames maps HubSpot's internal lifecycle stage values to the
// model's stages.
var lifecycleNames = map[string]sales.LifecycleStage{
	"subscriber":             sales.LifecycleSubscriber,
	"lead":                   sales.LifecycleLead,
	"marketingqualifiedlead": sales.LifecycleMarketingQualified,
	"salesqualifiedlead":     sales.LifecycleSalesQualified,
	"opportunity":            sales.LifecycleOpportunity,
	"customer":               sales.LifecycleCustomer,
	"evangelist":             sales.LifecycleEvangelist,
	"other":                  sales.LifecycleOther,
}

// lifecycleOrder lists the stages that have a "became a … date" property.
var lifecycleOrder = []string{
	"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
	"opportunity", "customer", "evangelist", "other",
}

func lifecycleDateProp(stage string) string { return "hs_lifecyclestage_" + stage + "_date" }

func lifecycleDateProps() []string {
	out := make([]string, len(lifecycleOrder))
	for i, s := range lifecycleOrder {
		out[i] = lifecycleDateProp(s)
	}
	return out
}

// callOutcomes maps HubSpot's default call dispositions (GUIDs) to
// outcomes; portals may add their own, which ReadOptions.CallOutcomes maps.
var callOutcomes = map[string]sales.CallOutcome{
	"9d9162e7-6cf3-4944-bf63-4dff82258764": sales.CallBusy,
	"f240bbac-87c9-4f6e-bf70-924b57d47db7": sales.CallConnected,
	"a4c4c377-d246-4b32-a13b-75a56a4cd0ff": sales.CallLeftLiveMessage,
	"b2cf5968-551e-4856-9783-52b3da59a7d0": sales.CallLeftVoicemail,
	"73a0d17f-1163-4015-bdd5-ec830791da20": sales.CallNoAnswer,
	"17b47fee-58de-441e-a44c-c6300d46f273": sales.CallWrongNumber,
}

// callStatuses maps the values of hs_call_status. A call that ended gives
// the outcome to use when no disposition is logged (COMPLETED tells
// nothing of how it went); a call still under way, or one never made,
// maps to skip: it is left out and counted in Report.SkippedCalls.
var callStatuses = map[string]struct {
	outcome sales.CallOutcome
	skip    bool
}{
	"COMPLETED":        {},
	"BUSY":             {outcome: sales.CallBusy},
	"NO_ANSWER":        {outcome: sales.CallNoAnswer},
	"MISSED":           {outcome: sales.CallNoAnswer},
	"CANCELED":         {skip: true},
	"FAILED":           {skip: true},
	"CALLING_CRM_USER": {skip: true},
	"CONNECTING":       {skip: true},
	"IN_PROGRESS":      {skip: true},
	"QUEUED":           {skip: true},
	"RINGING":          {skip: true},
}

var meetingOutcomes = map[string]sales.MeetingOutcome{
	"SCHEDULED":   sales.MeetingScheduled,
	"COMPLETED":   sales.MeetingCompleted,
	"RESCHEDULED": sales.MeetingRescheduled,
	"NO_SHOW":     sales.MeetingNoShow,
	"CANCELED":    sales.MeetingCanceled,
	"CANCELLED":   sales.MeetingCanceled,
}

var taskStatuses = map[string]sales.TaskStatus{
	"NOT_STARTED": sales.TaskNotStarted,
	"IN_PROGRESS": sales.TaskInProgress,
	"WAITING":     sales.TaskWaiting,
	"DEFERRED":    sales.TaskDeferred,
	"COMPLETED":   sales.TaskCompleted,
}

var dealTypes = map[string]sales.DealType{
	"newbusiness":      sales.DealTypeNewBusiness,
	"existingbusiness": sales.DealTypeExistingBusiness,
}

// DefaultGoalTypes maps the goal types whose targets the model knows. Only
// the revenue quota's name is confirmed by HubSpot's documentation; map
// other types (a "deals won" goal of your portal) with
// ReadOptions.GoalTypes.
var DefaultGoalTypes = map[string]sales.TargetMetric{
	"sales_quota": sales.TargetWonValue,
}
