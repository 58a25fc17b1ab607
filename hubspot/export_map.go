package hubspot

import (
	"errors"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// defaultColumns maps the headers HubSpot's exports use (labels in
// English, and the internal names that exports with internal names carry)
// to the reader's fields. Matching ignores case and repeated spaces.
var defaultColumns = map[string]string{
	"Record ID": "id", "hs_object_id": "id", "Deal ID": "id", "Contact ID": "id",
	"Company ID": "id", "Activity ID": "id",
	"Deal Name": "deal_name", "dealname": "deal_name",
	"Deal Stage": "stage", "dealstage": "stage",
	"Pipeline": "pipeline", "pipeline": "pipeline",
	"Amount": "amount", "amount": "amount",
	"Currency": "currency", "Deal currency code": "currency", "deal_currency_code": "currency",
	"Close Date": "close_date", "closedate": "close_date",
	"Create Date": "created", "createdate": "created", "Created at": "created",
	"Deal owner": "owner", "Contact owner": "owner", "Company owner": "owner",
	"Activity assigned to": "owner", "hubspot_owner_id": "owner",
	"Closed Lost Reason": "lost_reason", "closed_lost_reason": "lost_reason",
	"Original Source": "source", "Original Source Type": "source",
	"hs_analytics_source": "source",
	"Deal Type":           "deal_type", "dealtype": "deal_type",
	"Associated Company IDs (Primary)": "company", "Primary Associated Company ID": "company",
	"Associated Company ID": "company", "Associated Company IDs": "companies",
	"associatedcompanyid":    "company",
	"Associated Contact IDs": "contacts", "Associated Deal IDs": "deals",
	"First Name": "first_name", "firstname": "first_name",
	"Last Name": "last_name", "lastname": "last_name",
	"Email": "email", "email": "email",
	"Lifecycle Stage": "lifecycle", "lifecyclestage": "lifecycle",
	"Lead Status": "lead_status", "hs_lead_status": "lead_status",
	"Became a Subscriber Date":               "became_subscriber",
	"Became a Lead Date":                     "became_lead",
	"Became a Marketing Qualified Lead Date": "became_marketing_qualified",
	"Became a Sales Qualified Lead Date":     "became_sales_qualified",
	"Became an Opportunity Date":             "became_opportunity",
	"Became a Customer Date":                 "became_customer",
	"Became an Evangelist Date":              "became_evangelist",
	"Became an Other Lifecycle Date":         "became_other",
	"Company name":                           "company_name", "name": "company_name",
	"Company Domain Name": "domain", "domain": "domain",
	"Industry": "industry", "industry": "industry",
	"Country/Region": "country", "Country": "country", "country": "country",
	"Type": "company_type", "type": "company_type",
	"Region":        "region",
	"Activity type": "activity_type", "Activity date": "activity_date",
	"Subject": "subject", "Call outcome": "call_outcome", "Call duration": "call_duration",
	"Call direction": "direction", "Email direction": "direction",
	"Meeting outcome": "meeting_outcome", "Meeting end time": "meeting_end",
	"Task status": "task_status", "Due date": "due_date", "Completed at": "completed",
	// Activity exports headed by internal names.
	"hs_activity_type": "activity_type", "hs_engagement_type": "activity_type",
	"hs_timestamp": "activity_date", "hs_call_disposition": "call_outcome",
	"hs_call_duration": "call_duration", "hs_call_direction": "direction",
	"hs_email_direction": "direction", "hs_meeting_outcome": "meeting_outcome",
	"hs_meeting_end_time": "meeting_end", "hs_task_status": "task_status",
	"hs_task_completion_date": "completed", "hs_call_title": "subject",
	"hs_email_subject": "subject", "hs_meeting_title": "subject", "hs_task_subject": "subject",
}

// Fields of the export reader, the targets of ExportOptions.Columns: id,
// deal_name, stage, pipeline, amount, currency, close_date, created,
// owner, lost_reason, source, deal_type, company, companies, contacts,
// deals, first_name, last_name, email, lifecycle, lead_status,
// became_<stage> (subscriber, lead, marketing_qualified, sales_qualified,
// opportunity, customer, evangelist, other), company_name, domain,
// industry, country, company_type, region, activity_type, activity_date,
// subject, call_outcome, call_duration, direction, meeting_outcome,
// meeting_end, task_status, due_date, completed.

func (x *exportReader) deal(r *row, id string) sales.Deal {
	name, _ := r.get("deal_name")
	reason, _ := r.get("lost_reason")
	cur, _ := r.get("currency")
	region, _ := r.get("region")
	d := sales.Deal{ID: sales.DealID(id), Name: name, Owner: x.owner(r),
		Amount: x.number(r, "amount"), Currency: sales.Currency(strings.ToUpper(cur)),
		Created: x.time(r, "created"), CloseDate: x.time(r, "close_date"),
		LostReason: reason, Source: x.enum(r, "source"), Region: region}
	d.Pipeline, d.Stage = x.stage(r)
	if t, col := r.get("deal_type"); t != "" {
		switch fold(strings.ReplaceAll(t, " ", "")) {
		case "newbusiness":
			d.Type = sales.DealTypeNewBusiness
		case "existingbusiness":
			d.Type = sales.DealTypeExistingBusiness
		default:
			r.reject(col, t, "not New Business or Existing Business")
		}
	}
	d.Company = sales.CompanyID(x.primary(r))
	d.Contacts = idList[sales.ContactID](r, "contacts")
	return d
}

// primary returns the record's company: the primary company column, else
// the only id of the companies column.
func (x *exportReader) primary(r *row) string {
	if v, col := r.get("company"); v != "" {
		ids := strings.FieldsFunc(v, isListSep)
		if len(ids) == 0 || strings.TrimSpace(ids[0]) == "" {
			r.reject(col, v, "no company id in the primary company column; left without")
			return ""
		}
		return strings.TrimSpace(ids[0])
	}
	v, col := r.get("companies")
	ids := strings.FieldsFunc(v, isListSep)
	switch len(ids) {
	case 0:
		return ""
	case 1:
		return strings.TrimSpace(ids[0])
	}
	r.reject(col, v, "several companies and no primary one; left without")
	return ""
}

func isListSep(r rune) bool { return r == ';' || r == ',' }

func idList[ID ~string](r *row, field string) []ID {
	v, _ := r.get(field)
	var out []ID
	for _, s := range strings.FieldsFunc(v, isListSep) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, ID(s))
		}
	}
	return sortIDs(out)
}

// stage finds the deal's pipeline and stage: the pipeline by label or id
// (the only pipeline when the column is empty or absent), then the stage
// by label or id within it. A stage not found is rejected.
func (x *exportReader) stage(r *row) (sales.PipelineID, sales.StageID) {
	pv, pcol := r.get("pipeline")
	sv, scol := r.get("stage")
	var p *sales.Pipeline
	switch {
	case pv != "":
		for i := range x.recs.Pipelines {
			q := &x.recs.Pipelines[i]
			if fold(q.Label) == fold(pv) || string(q.ID) == pv {
				p = q
				break
			}
		}
		if p == nil {
			r.reject(pcol, pv, "no pipeline of the catalogue has this label or id")
			return "", ""
		}
	case len(x.recs.Pipelines) == 1:
		p = &x.recs.Pipelines[0]
	default:
		r.reject(scol, sv, "no pipeline named, and the catalogue has several")
		return "", ""
	}
	if sv == "" {
		r.reject(scol, sv, "no stage")
		return p.ID, ""
	}
	for _, s := range p.Stages {
		if fold(s.Label) == fold(sv) || string(s.ID) == sv {
			return p.ID, s.ID
		}
	}
	r.reject(scol, sv, "no stage of pipeline "+p.Label+" has this label or id")
	return p.ID, ""
}

// enum turns an option's label into HubSpot's internal value: upper case
// with underscores ("Organic Search" is ORGANIC_SEARCH), as HubSpot names
// its default options; a value already in that form is kept.
func (x *exportReader) enum(r *row, field string) string {
	v, _ := r.get(field)
	if v == "" {
		return ""
	}
	if s, ok := sourceLabels[fold(v)]; ok {
		return s
	}
	return strings.ToUpper(strings.Join(strings.FieldsFunc(v, func(c rune) bool {
		return c == ' ' || c == '-'
	}), "_"))
}

// sourceLabels are original-source labels whose value is not their label
// in upper case.
var sourceLabels = map[string]string{"offline sources": "OFFLINE", "ai referrals": "AI_REFERRALS"}

// lifecycleLabels maps lifecycle stage labels (and internal values) to
// stages.
var lifecycleLabels = map[string]sales.LifecycleStage{
	"subscriber": sales.LifecycleSubscriber, "lead": sales.LifecycleLead,
	"marketing qualified lead": sales.LifecycleMarketingQualified,
	"marketingqualifiedlead":   sales.LifecycleMarketingQualified,
	"sales qualified lead":     sales.LifecycleSalesQualified,
	"salesqualifiedlead":       sales.LifecycleSalesQualified,
	"opportunity":              sales.LifecycleOpportunity, "customer": sales.LifecycleCustomer,
	"evangelist": sales.LifecycleEvangelist, "other": sales.LifecycleOther,
}

var becameFields = []struct {
	field string
	stage sales.LifecycleStage
}{
	{"became_subscriber", sales.LifecycleSubscriber}, {"became_lead", sales.LifecycleLead},
	{"became_marketing_qualified", sales.LifecycleMarketingQualified},
	{"became_sales_qualified", sales.LifecycleSalesQualified},
	{"became_opportunity", sales.LifecycleOpportunity}, {"became_customer", sales.LifecycleCustomer},
	{"became_evangelist", sales.LifecycleEvangelist}, {"became_other", sales.LifecycleOther},
}

func (x *exportReader) contact(r *row, id string) sales.Contact {
	first, _ := r.get("first_name")
	last, _ := r.get("last_name")
	email, _ := r.get("email")
	c := sales.Contact{ID: sales.ContactID(id), Name: strings.TrimSpace(first + " " + last),
		Owner: x.owner(r), Created: x.time(r, "created"), LeadStatus: x.enum(r, "lead_status"),
		Source: x.enum(r, "source"), Company: sales.CompanyID(x.primary(r))}
	if c.Name == "" {
		c.Name = email
	}
	if v, col := r.get("lifecycle"); v != "" {
		l, ok := lifecycleLabels[fold(v)]
		if !ok {
			r.reject(col, v, "not a lifecycle stage this library knows")
		}
		c.Lifecycle = l
	}
	for _, b := range becameFields {
		c.Reached.Set(b.stage, x.time(r, b.field))
	}
	return c
}

func (x *exportReader) company(r *row, id string) sales.Company {
	name, _ := r.get("company_name")
	domain, _ := r.get("domain")
	industry, _ := r.get("industry")
	country, _ := r.get("country")
	region, _ := r.get("region")
	c := sales.Company{ID: sales.CompanyID(id), Name: name, Type: x.enum(r, "company_type"),
		Industry: industry, Country: country, Region: region, Owner: x.owner(r),
		Created: x.time(r, "created")}
	if c.Name == "" {
		c.Name = domain
	}
	return c
}

// Layouts of export dates, month first; DayFirst swaps the slashed ones.
var exportLayouts = []string{
	"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02", "2006-01-02T15:04:05",
	"1/2/2006 15:04", "1/2/2006 15:04:05", "1/2/2006 3:04 PM", "1/2/2006 3:04:05 PM", "1/2/2006",
}

// parseExportTime reads a local date, or date and time, in loc, an RFC
// 3339 instant, or epoch milliseconds (12 to 14 digits, as exports of the
// internal values and files written from the API hold them).
func parseExportTime(s string, loc *time.Location, dayFirst bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.In(loc), nil
	}
	if n := len(s); n >= 12 && n <= 14 && allDigits(s) {
		t, _, err := parseEpochMillis(s, loc)
		if err == nil && (t.Year() < 1900 || t.Year() >= 2200) {
			err = errors.New("date out of range (years 1900 to 2199)")
		}
		return t, err
	}
	for _, layout := range exportLayouts {
		if dayFirst {
			layout = strings.Replace(layout, "1/2/2006", "2/1/2006", 1)
		}
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			if t.Year() < 1900 || t.Year() >= 2200 {
				return time.Time{}, errors.New("date out of range (years 1900 to 2199)")
			}
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a date (want YYYY-MM-DD [HH:MM], M/D/YYYY [HH:MM], " +
		"RFC 3339 or epoch milliseconds)")
}

// parseExportNumber reads a number as exports write it: "1234.56", with
// optional thousands separators in groups of three ("1,234.56"), or with
// a decimal comma when decimalComma is set ("1.234,56").
func parseExportNumber(s string, decimalComma bool) (decimal.Decimal, error) {
	group, point := ",", "."
	if decimalComma {
		group, point = ".", ","
	}
	intPart, frac, hasFrac := strings.Cut(s, point)
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	if strings.Contains(intPart, group) {
		groups := strings.Split(intPart, group)
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return decimal.Decimal{}, errors.New("not a number (misplaced thousands separator)")
			}
		}
		intPart = strings.Join(groups, "")
	}
	if !allDigits(intPart) || (hasFrac && !allDigits(frac)) || len(intPart)+len(frac) > 40 {
		return decimal.Decimal{}, errors.New("not a number")
	}
	out := intPart
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	d, err := decimal.NewFromString(out)
	if err == nil {
		err = sales.CheckDecimal(d)
	}
	return d, err
}
