// Package demo generates a deterministic demo portal: two years of a
// made-up sales team's CRM records, for examples, tests and benchmarks of
// the reports.
//
// The portal is realistic enough that every report of the catalogue has
// something to show. Fifteen owners: twelve reps in three teams that are
// also regions, a rep who left but still owns old deals, an SDR who makes
// first calls and owns no deal, and a new hire with nothing yet. Two
// pipelines, "New business" with HubSpot's stage ids and "Renewals" with
// numeric ones and an open stage of probability 0. Deals that move
// forward, skip stages, go back and forward again, are won or lost at
// every open stage, or stall; close dates that slip; calls of every
// outcome, emails both ways, meetings with and without an end, tasks done,
// open and overdue; contacts at every lifecycle stage, some never reached;
// products, line items and targets. A small share of records carries the
// defects reports must count apart: no owner, no amount, another
// currency, no meeting end, no due date.
//
// # Time
//
// The portal lives in TimeZone, America/New_York, which has daylight
// saving. Its data stops at Today, 2026-11-30 17:00 local time; only
// meetings planned ahead and due dates of open tasks are later.
//
// # Determinism
//
// Generate draws every random number from one PCG source seeded with
// Options.Seed, in a fixed order, and never reads the clock or iterates a
// map: the same options give the same records, byte for byte once
// marshalled to JSON, on every run and machine.
//
// # Size
//
// The default portal has 5,000 deals, 10,000 contacts, 1,250 companies and
// 50,000 activities. Work and memory grow linearly: a million deals are
// supported, and small values (ids, stage histories, association lists)
// are cut from shared blocks rather than allocated one by one.
package demo
