package byowner

// Contact returns the accumulator of the i-th contact's owner.
func (t *Table[T]) Contact(i int) *T {
	if o := t.ds.ContactColumns().Owner[i]; o >= 0 {
		return &t.listed[o]
	}
	return t.unlisted(t.ds.Contacts[i].Owner)
}

// ListedRows returns the accumulators of the owners the portal lists, by
// their position in Owners, for loops that read an owner column: a
// record whose owner position o is not negative adds to ListedRows()[o], and
// the others go through Activity, Deal or Contact.
func (t *Table[T]) ListedRows() []T { return t.listed }
