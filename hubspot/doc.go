// Package hubspot reads a HubSpot portal into the sales model: through
// HubSpot's CRM API (Client.ReadPortal, Client.ModifiedIDs) or through the
// CSV files HubSpot's exports write (ReadExport, ReadExportFolder). It is
// the library's optional adapter: no other package imports it, and it
// imports only the model and the standard library.
//
// # Reading a portal
//
// NewClient takes a private app's or an OAuth access token, sent as a
// Bearer token, and functional options: WithBaseURL (HubSpot's host by
// default; tests point it at a local fake), WithHTTPClient, WithRetries,
// WithRateLimitWaits, WithRateLimit, WithSearchRateLimit, WithPageSize,
// WithSearchCap. ReadPortal reads everything with the list endpoints,
// following every page to its end; associations come from the v4 batch
// endpoint. Either the whole portal is read, or ReadPortal fails and
// returns no records: a partial read is never presented as whole.
//
// # Errors, limits and retries
//
// Errors are typed: *AuthError (401, 403), *RateLimitError (429 the client
// gave up on, with HubSpot's policy), *APIError (any other error
// response, with its category and correlation id), *DecodeError (a body
// that is not the expected JSON, naming the endpoint and page),
// *PagingError (a cursor that repeats), *IncompleteError (a search window
// that cannot be read whole) and *RequestError (no usable response, or the
// context ended; it wraps the context's error). The access token never
// appears in an error, a panic or any other text: whatever the server or
// the network says is scrubbed of it. The package never logs.
//
// The client throttles itself below HubSpot's per-ten-seconds limit
// (DefaultRequestsPer10s in any rolling ten seconds; a lower
// X-HubSpot-RateLimit-Max lowers it, and X-HubSpot-RateLimit-Remaining
// of 0 pauses it for the interval) and keeps searches apart, under five a
// second. A 429 is waited out, for its Retry-After when it has one, else
// a second for the search ("secondly") limit and the interval (ten
// seconds) otherwise; a 429 of the DAILY policy fails at once, as no wait
// within a call clears it. 5xx answers, HubSpot's 423 and 477, dropped
// connections and bodies cut short are retried with exponential backoff
// and full jitter. Every wait ends as soon as the context does.
//
// # Mapping
//
// Every property arrives as a string, or null, or not at all; the three
// mean "no value" alike. Amounts are decimals: "" means no amount, "0" is
// an amount. Durations (hs_call_duration) are milliseconds. Times come in
// three encodings: RFC 3339, epoch milliseconds (0 means none) and plain
// dates; a plain date is a day of the portal's calendar, read as the
// start of that day in the portal's time zone. Instants are read in that
// zone (the account's, or ReadOptions.TimeZone), which the records carry:
// a close date picked as 31 March in a UTC−7 portal, which HubSpot stores
// as 1 April 01:09 UTC, falls in March.
//
//   - Owners: active and archived, named "first last" (else their email),
//     with their primary team's name.
//   - Pipelines: live stages in display order. A stage is open when
//     isClosed is false, won when closed with probability 1, lost when
//     closed with probability 0, never by its label. Any other stage has no
//     kind and is listed in Report.UnsureStages, unless
//     ReadOptions.StageKinds decides; a deal in a stage its pipeline does
//     not list is listed in Report.UnknownStages.
//   - Deals: dealname, hubspot_owner_id, pipeline, dealstage, amount in
//     deal_currency_code, createdate, closedate, closed_lost_reason,
//     hs_analytics_source, dealtype; the stage history and the close date
//     history from propertiesWithHistory; the primary company (association
//     type 5) and the contacts from associations.
//   - Contacts: names, owner, createdate, lifecyclestage (custom stages by
//     ReadOptions.LifecycleStages), the hs_lifecyclestage_*_date dates,
//     hs_lead_status, hs_analytics_source, the primary company (type 1).
//   - Companies: name (else domain), type, industry, country, owner.
//   - Activities: calls (hs_timestamp, direction, duration, the six
//     default dispositions and ReadOptions.CallOutcomes, else the outcome
//     hs_call_status gives: BUSY, NO_ANSWER, missed; a call still queued,
//     ringing or in progress, or canceled or failed, is left out and
//     counted in Report.SkippedCalls), emails (EMAIL is
//     sent, INCOMING_EMAIL received, FORWARDED_EMAIL unknown), meetings
//     (start and end times, outcome), notes (the body without its HTML,
//     cut to 200 bytes, as subject) and tasks, whose time is their
//     creation, whose hs_timestamp is their due date, and whose
//     completion date counts only once completed.
//   - Products and line items; a line item's deal from its association.
//   - Goals: one target per goal_target (one period's slice), for its
//     owner (hubspot_owner_id, else hs_assignee_user_id, each taken as an
//     owner id when the portal lists it and else as a user id, mapped
//     through the owners' userId and userIdIncludingInactive) or team
//     (hs_assignee_team_id or hubspot_team_id, named by the owners'
//     teams), over
//     [hs_start_datetime, hs_end_datetime) with an end at the last
//     millisecond of a second moved to that second. Only goal types that
//     ReadOptions.GoalTypes maps become targets (DefaultGoalTypes maps
//     sales_quota to won value); the others are counted in
//     Report.SkippedGoals.
//   - Exchange rates into the company currency, the home currency.
//
// Archived records stay out unless ReadOptions.IncludeArchived asks for
// them; associations to records not read are counted in Report.Dangling.
// A record merged into another (its id in the survivor's
// hs_merged_object_ids, or for contacts hs_calculated_merged_vids) that a
// listing still returns is folded into the survivor: its history joins
// the survivor's, its associations move to the survivor, and it is never
// counted twice. A deal or contact associated with several companies
// belongs to its primary one, so that revenue by company adds up to the
// total; one with several and no primary one gets none and is listed in
// Report.NoPrimaryCompany, and one whose primary company was not read
// gets none either, listed in Report.PrimaryNotRead.
//
// What HubSpot cannot carry: regions (HubSpot has no region property;
// name a custom one in ReadOptions.Properties), the order of association
// lists (ReadPortal sorts ids, shorter first, so numeric ids sort by
// value) and of owners (active ones first), times finer than a
// millisecond, a product's currency, and a note's subject apart from its
// body.
//
// # Export files
//
// ReadExport reads CSV exports of deals, contacts, companies and
// activities, told apart by their headers, which are property labels (or
// internal names). Values are labels too: a deal's stage is found by its
// pipeline's label, then the stage's label within it, in the pipeline
// catalogue the caller supplies; owners are matched by name or email (or
// by id, for a cell that holds one of the owners' ids), with
// ExportOptions.OwnerMap for names that are ambiguous or missing. Dates are
// read in the portal's zone in the layouts exports use, or as epoch
// milliseconds. A row whose record id an earlier row of the same kind
// holds (the same export saved twice into the folder) is left out, so
// that no record counts twice. Every value that
// does not map is listed by file, line and column in
// ExportReport.Rejected. ReadExportFolder reads the catalogue, the owners
// and the account's zone from JSON files saved from the API beside the
// exports.
//
// # What was checked, and what is not known
//
// Where the research notes this package started from marked a fact
// unconfirmed, HubSpot's stored documentation and public connectors were
// read again:
//
//   - Goals: the goals guide says hubspot_owner_id names a user goal's
//     assignee and hs_assignee_team_id (or hubspot_team_id) a team
//     goal's. The values of hs_goal_type other than sales_quota are not
//     documented: map them with ReadOptions.GoalTypes.
//   - Exchange rates: GET /settings/v3/currencies/exchange-rates/current
//     lists them (scope settings.currencies.read). Without the scope the
//     read goes on, deals in other currencies are counted apart by the
//     reports, and a note says so.
//   - Retry-After: HubSpot documents it for 477, not for ordinary 429s;
//     the client honours it when present and otherwise waits as above.
//   - The search total: whether it counts past the cap is not
//     documented; connectors split windows on it. ModifiedIDs splits a
//     window whose total reaches the cap, and fails with an
//     *IncompleteError when a single millisecond holds that many.
//   - v4 batch reads answer 207 with an error per record that has no
//     association; errors of a not-found category are read as "none",
//     any other fails the read.
//   - Merged records: whether a listing can still return one is not
//     documented; ReadPortal folds one whenever it meets it.
//   - Export headers: no fixed schema is published. The English labels
//     seen in public scripts are known; ExportOptions.Columns adds others.
//
// BUG(hubspot): Lifecycle dates come from the legacy
// hs_lifecyclestage_*_date properties only, not their hs_v2_date_entered_*
// successors, and a custom lifecycle stage has no date.
//
// BUG(hubspot): A deal in another currency than the home one is
// converted with the current exchange rate, as the model holds one rate
// per currency; HubSpot fixes a closed deal's amount_in_home_currency at
// the rate of its close, which ReadPortal does not read.
//
// BUG(hubspot): ReadPortal sends one request at a time. At HubSpot's
// rate limits that is what a private app may send anyway, but it leaves
// the latency of each request unhidden.
package hubspot
