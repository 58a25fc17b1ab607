package byowner

import "github.com/salespilot/sales"

// Contact returns the accumulator of the i-th contact's owner.
func (t *Table[T]) Contact(i int) *T {
	if o := t.ds.ContactColumns().Owner[i]; o >= 0 {
		return &t.listed[o]
	}
	return t.unlisted(t.ds.Contacts[i].Owner)
}

// Listed returns the accumulator of the owner at position o of Owners, or
// of the record's own owner id when o is negative (unassigned, or not
// listed): the form of an owner the Dataset's columns give.
func (t *Table[T]) Listed(o int32, id func() sales.OwnerID) *T {
	if o >= 0 {
		return &t.listed[o]
	}
	return t.unlisted(id())
}
