module github.com/salespilot/sales

go 1.26

require (
	github.com/leanovate/gopter v0.2.11
	github.com/shopspring/decimal v1.4.0
)
