package main

// group is a heading of the report catalogue.
type group struct {
	title string
	ids   []string
}

// catalogue lists every report of the catalogue in its order, grouped as it
// groups them, with the title the dashboard prints.
var catalogue = []group{
	{"Operational: activity and calls", []string{
		"R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08"}},
	{"Operational: conversion", []string{"R09", "R10", "R11", "R12"}},
	{"Strategic: individual performance", []string{
		"R13", "R14", "R15", "R16", "R17", "R18", "R19", "R20"}},
	{"Strategic: projection", []string{
		"R21", "R22", "R23", "R24", "R25", "R26", "R27", "R28", "R29"}},
	{"Strategic: global performance", []string{
		"R30", "R31", "R32", "R33", "R34", "R35", "R36", "R37", "R38", "R39", "R40"}},
	{"Strategic: customer portfolio", []string{"R41", "R42", "R43", "R44"}},
	{"Monitoring and alerts", []string{"R45", "R46", "R47", "R48"}},
	{"Beyond the catalogue", []string{"B01", "B02", "B03", "B04", "B05", "B06"}},
}

// titles gives each catalogue id its title.
var titles = map[string]string{
	"R01": "Activities by type",
	"R02": "Calls and outcomes per rep",
	"R03": "Emails per rep over time",
	"R04": "Call time per rep per day",
	"R05": "Average call time per day",
	"R06": "Tasks completed per rep",
	"R07": "Tasks in progress per rep",
	"R08": "Tasks overdue per rep",
	"R09": "Deals won against target",
	"R10": "Results per rep, volume and value",
	"R11": "Deals won per rep",
	"R12": "Open deals by stage per rep",
	"R13": "Activities per won deal per rep",
	"R14": "Activities per deal before conversion per rep",
	"R15": "Conversion rate per rep",
	"R16": "Deals won per rep",
	"R17": "Open deals by stage per rep",
	"R18": "Average meeting duration per rep",
	"R19": "Meetings held vs no-show vs canceled per rep",
	"R20": "Results per rep, volume and value",
	"R21": "Deals to close this week per rep",
	"R22": "Average won deal amount",
	"R23": "Sales cycle of won deals",
	"R24": "Sales cycle of lost deals",
	"R25": "Active leads by stage",
	"R26": "Open deals by stage",
	"R27": "New leads vs last week",
	"R28": "Leads created by stage over time",
	"R29": "Average time in each deal stage",
	"R30": "Pipeline conversion funnel",
	"R31": "Won deals by region over time",
	"R32": "Leads by source",
	"R33": "Deals by source",
	"R34": "Revenue vs target vs last year",
	"R35": "Lost deals by reason",
	"R36": "New opportunities over time",
	"R37": "Proposals vs previous period",
	"R38": "Average basket vs previous period",
	"R39": "MQL-to-customer funnel",
	"R40": "Response time to inbound contacts",
	"R41": "Best-selling products",
	"R42": "Sales to new vs existing customers",
	"R43": "Revenue by customer type",
	"R44": "Revenue share of the best customers",
	"R45": "Churn risk",
	"R46": "Deals without activity",
	"R47": "Overdue tasks",
	"R48": "Deals without a planned task",
	"B01": "Weighted pipeline",
	"B02": "Forecast with uncertainty",
	"B03": "Sales velocity",
	"B04": "Pipeline coverage",
	"B05": "Pipeline as of any date",
	"B06": "Slipped deals",
}
