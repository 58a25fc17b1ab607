package sales

import "github.com/shopspring/decimal"

// Product is an item of the catalogue that line items sell.
type Product struct {
	ID   ProductID `json:"id"`
	Name string    `json:"name"`
	SKU  string    `json:"sku,omitempty"`
	// Price is the list price in Currency; null when the catalogue has
	// none. Line items carry the price a deal actually got.
	Price    decimal.NullDecimal `json:"price"`
	Currency Currency            `json:"currency,omitempty"`
}

// LineItem is one product sold on a deal.
type LineItem struct {
	ID      LineItemID `json:"id"`
	Deal    DealID     `json:"deal"`
	Product ProductID  `json:"product,omitempty"`
	// Name is the line's own label; reports fall back to it when the
	// line names no product.
	Name      string          `json:"name,omitempty"`
	Quantity  decimal.Decimal `json:"quantity"`
	UnitPrice decimal.Decimal `json:"unit_price"`
	// Amount is the line's total after discounts, in Currency; null means
	// the CRM gave none, and reports then use Quantity × UnitPrice.
	Amount   decimal.NullDecimal `json:"amount"`
	Currency Currency            `json:"currency,omitempty"`
}

// Value returns the line's amount, or Quantity × UnitPrice when it has
// none.
func (li *LineItem) Value() decimal.Decimal {
	if li.Amount.Valid {
		return li.Amount.Decimal
	}
	return li.Quantity.Mul(li.UnitPrice)
}
