package sales

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// SnapshotFormat is the name a snapshot file carries in its "format"
// field, so that a file of another kind is refused rather than misread.
const SnapshotFormat = "salespilot/sales-snapshot"

// SnapshotVersion is the version of the snapshot layout WriteSnapshot
// writes. ReadSnapshot reads this version and refuses later ones.
const SnapshotVersion = 1

// snapshotHeader is the envelope of a snapshot file, without its records.
type snapshotHeader struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

// WriteSnapshot writes r to w as a snapshot file: one JSON object holding
// the format's name, its version and the records, so that reports can be
// rerun offline on data read once from a CRM. The records are encoded as
// they marshal (see Records), streamed to w without building the whole
// file in memory first. WriteSnapshot returns the first error of w.
func WriteSnapshot(w io.Writer, r Records) error {
	// Refuse what ReadSnapshot would refuse, before writing a byte.
	if err := checkMagnitudes(&r); err != nil {
		return fmt.Errorf("sales: write snapshot: %w", err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	head := fmt.Sprintf(`{"format":%q,"version":%d,"records":`, SnapshotFormat, SnapshotVersion)
	if _, err := bw.WriteString(head); err != nil {
		return fmt.Errorf("sales: write snapshot: %w", err)
	}
	enc := json.NewEncoder(bw)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("sales: write snapshot: %w", err)
	}
	if _, err := bw.WriteString("}\n"); err != nil {
		return fmt.Errorf("sales: write snapshot: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("sales: write snapshot: %w", err)
	}
	return nil
}

// ReadSnapshot reads a snapshot file written by WriteSnapshot. It fails
// with an error starting "sales: read snapshot" when the input is not JSON,
// not a snapshot (the format field is missing or names another format), of
// a version this library does not know, or holds records that do not
// decode; it never returns records read in part.
//
// Times come back as the instants they were written, with the fixed UTC
// offset the file shows rather than the original *time.Location: compare
// them with Equal, and read them in the portal's location (TimeZone) for
// calendar work, as reports do.
//
// A decimal beyond MaxDecimalDigits or MaxDecimalPlaces (an amount of
// 1e100000000, say) is an error naming its record and field, as it is for
// ReadTables: no CRM field holds one, and reports would carry its digits.
func ReadSnapshot(rd io.Reader) (Records, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(rd, 64<<10))
	if err := expectDelim(dec, '{'); err != nil {
		return Records{}, err
	}
	var head snapshotHeader
	var recs Records
	seen := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return Records{}, snapshotErr(err)
		}
		switch key {
		case "format":
			err = dec.Decode(&head.Format)
		case "version":
			err = dec.Decode(&head.Version)
		case "records":
			if err = checkHeader(head); err == nil {
				err = decodeRecords(dec, &recs)
				seen = true
			}
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return Records{}, snapshotErr(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return Records{}, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Records{}, snapshotErr(errors.New("data after the snapshot's end"))
	}
	if !seen {
		if err := checkHeader(head); err != nil {
			return Records{}, snapshotErr(err)
		}
		return Records{}, snapshotErr(errors.New("no records"))
	}
	if err := checkMagnitudes(&recs); err != nil {
		return Records{}, snapshotErr(err)
	}
	return recs, nil
}

// checkHeader reports a format or version this reader cannot read. The
// writer puts both before the records, so the check happens before any
// record is decoded.
func checkHeader(h snapshotHeader) error {
	switch {
	case h.Format != SnapshotFormat:
		return fmt.Errorf("format %q is not %q", h.Format, SnapshotFormat)
	case h.Version < 1 || h.Version > SnapshotVersion:
		return fmt.Errorf("version %d is not supported (1 to %d)", h.Version, SnapshotVersion)
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return snapshotErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return snapshotErr(fmt.Errorf("found %v where %q was expected", tok, want))
	}
	return nil
}

func snapshotErr(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("sales: read snapshot: %w", err)
}

// decodeRecords decodes the records object one record at a time, so that
// a large snapshot is never held twice in memory (once as JSON text, once
// as records). Keys it does not stream are decoded as json.Unmarshal
// would decode them into Records.
func decodeRecords(dec *json.Decoder, r *Records) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("records: found %v where an object was expected", tok)
	}
	rest := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if err := decodeField(dec, key, r, rest); err != nil {
			return fmt.Errorf("records: %s: %w", key, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	if len(rest) == 0 {
		return nil
	}
	b, err := json.Marshal(rest)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, r)
}

func decodeField(dec *json.Decoder, key string, r *Records, rest map[string]json.RawMessage) error {
	switch key {
	case "owners":
		return decodeArray(dec, KindOwner, &r.Owners)
	case "pipelines":
		return decodeArray(dec, KindPipeline, &r.Pipelines)
	case "deals":
		return decodeArray(dec, KindDeal, &r.Deals)
	case "contacts":
		return decodeArray(dec, KindContact, &r.Contacts)
	case "companies":
		return decodeArray(dec, KindCompany, &r.Companies)
	case "activities":
		return decodeArray(dec, KindActivity, &r.Activities)
	case "products":
		return decodeArray(dec, KindProduct, &r.Products)
	case "line_items":
		return decodeArray(dec, KindLineItem, &r.LineItems)
	case "targets":
		return decodeArray(dec, KindTarget, &r.Targets)
	}
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	rest[key] = raw
	return nil
}

// decodeArray decodes a JSON array (or null) of records of kind into dst
// element by element.
func decodeArray[T any](dec *json.Decoder, kind RecordKind, dst *[]T) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		*dst = nil
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("found %v where an array was expected", tok)
	}
	out := []T{}
	for dec.More() {
		// Decoding each record straight from the stream keeps reading
		// fast; a record that fails is named by its kind and position.
		var v T
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%s record %d (counting from 0): %w", kind, len(out), err)
		}
		out = append(out, v)
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	*dst = out
	return nil
}
