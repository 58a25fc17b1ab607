package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/salespilot/sales"
)

// The pipeline:
//
//	shard-*.jsonl -> match -> read -> shardFn -> Combine(mergeFn) -> formatFn -> out
//	header.json ----------------------> (side input of shardFn and formatFn)
//
// shardFn computes every additive report over one shard file into a
// Bundle; mergeFn merges bundles with each result's Merge, in whatever
// order and grouping the runner picks, which the reports allow; formatFn
// writes the merged bundle as the dashboard's JSON.

func init() {
	register.DoFn4x1[context.Context, fileio.ReadableFile, string, func(Bundle), error](&shardFn{})
	register.Emitter1[Bundle]()
	register.Combiner1[Bundle](&mergeFn{})
	register.DoFn3x1[Bundle, string, func(string), error](&formatFn{})
	register.Emitter1[string]()

	// Without a coder of its own, Beam would encode a Bundle with its
	// schema coder, which drops unexported fields and the decimals inside
	// results without a word. A Bundle crosses shuffles as its JSON.
	beam.RegisterCoder(reflect.TypeOf(Bundle{}), encodeBundle, decodeBundle)
}

func encodeBundle(b Bundle) ([]byte, error) { return json.Marshal(b) }

func decodeBundle(data []byte) (Bundle, error) {
	var b Bundle
	err := json.Unmarshal(data, &b)
	return b, err
}

var (
	shardsRead   = beam.NewCounter("sales", "shards")
	dealsRead    = beam.NewCounter("sales", "deals")
	activityRead = beam.NewCounter("sales", "activities")
	contactsRead = beam.NewCounter("sales", "contacts")
)

// build adds to s the pipeline that reads the portal in dir and writes
// the reports' JSON to out.
func build(s beam.Scope, dir, out string, st Settings) {
	header := textio.Read(s.Scope("header"), join(dir, headerName))
	matches := fileio.MatchFiles(s, join(dir, shardPattern), fileio.MatchEmptyDisallow())
	files := fileio.ReadMatches(s, matches)
	parts := beam.ParDo(s, &shardFn{Settings: st}, files, beam.SideInput{Input: header})
	whole := beam.Combine(s, &mergeFn{}, parts)
	doc := beam.ParDo(s, &formatFn{Settings: st}, whole, beam.SideInput{Input: header})
	textio.Write(s, out, doc)
}

// shardFn computes the additive reports over one shard file.
type shardFn struct {
	Settings Settings

	// The header as last read, parsed: a worker reads the same header
	// for every shard.
	header string
	shared sales.Records
	params *params
}

func (f *shardFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, header string,
	emit func(Bundle)) error {
	if err := f.parse(header); err != nil {
		return err
	}
	rc, err := file.Open(ctx)
	if err != nil {
		return err
	}
	defer rc.Close()
	b, err := readShard(f.shared, f.params, rc)
	if err != nil {
		return fmt.Errorf("%s: %w", file.Metadata.Path, err)
	}
	shardsRead.Inc(ctx, 1)
	dealsRead.Inc(ctx, b.counts.Deals)
	activityRead.Inc(ctx, b.counts.Activities)
	contactsRead.Inc(ctx, b.counts.Contacts)
	emit(b)
	return nil
}

// parse reads the header and the settings, unless they are those it read
// last.
func (f *shardFn) parse(header string) error {
	if f.params != nil && header == f.header {
		return nil
	}
	h, err := parseHeader([]byte(header))
	if err != nil {
		return err
	}
	p, err := f.Settings.params()
	if err != nil {
		return err
	}
	f.header, f.shared, f.params = header, h.Shared, p
	return nil
}

// mergeFn merges the bundles of shards. Input, accumulator and output are
// all Bundles, so Beam needs nothing but MergeAccumulators.
type mergeFn struct{}

func (mergeFn) MergeAccumulators(a, b Bundle) (Bundle, error) {
	err := a.Merge(b)
	return a, err
}

// formatFn writes the bundle over every shard as the dashboard's JSON.
type formatFn struct {
	Settings Settings
}

func (f *formatFn) ProcessElement(b Bundle, header string, emit func(string)) error {
	h, err := parseHeader([]byte(header))
	if err != nil {
		return err
	}
	p, err := f.Settings.params()
	if err != nil {
		return err
	}
	doc, err := document(b, h, p)
	if err != nil {
		return err
	}
	emit(string(doc))
	return nil
}
