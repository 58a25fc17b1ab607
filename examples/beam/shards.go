package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/salespilot/sales"
)

// A portal on disk, spread over shards, is a folder (a local path or a
// URL such as gs://bucket/portal) holding:
//
//	header.json       one line: the Header, with the records every shard shares
//	shard-00000.jsonl one record a line (a Line), for each shard
//
// Deals go to the shard their id hashes to, and their line items with
// them. An activity goes to the shard of the first deal it is about (to a
// shard its id hashes to when it is about no deal), and a copy of it goes
// to every other shard holding one of its deals, marked as a copy. A
// contact goes to the shard its id hashes to. Owners, pipelines,
// companies, products, targets, the time zone, currency and rates are in
// the header.

// HeaderFormat names the layout of a header file.
const HeaderFormat = "salespilot/sales-shards"

// headerName and shardPattern are the file names of a portal's folder.
const (
	headerName   = "header.json"
	shardPattern = "shard-*.jsonl"
)

// Header describes a portal spread over shards.
type Header struct {
	Format string `json:"format"`
	// Source says where the records came from.
	Source string `json:"source"`
	// AsOf is the moment the reports look from unless told otherwise:
	// the data's "now"; zero when the records hold no date.
	AsOf time.Time `json:"as_of"`
	// Shards is how many shard files the writer wrote.
	Shards int `json:"shards"`
	// Shared holds the records every shard needs whole; its deals, line
	// items, activities and contacts are empty.
	Shared sales.Records `json:"shared"`
}

// Line is one line of a shard file: one record. Copy marks an activity
// that the shard holds only because one of the shard's deals is about it;
// another shard holds the activity itself.
type Line struct {
	Deal     *sales.Deal     `json:"deal,omitempty"`
	LineItem *sales.LineItem `json:"line_item,omitempty"`
	Activity *sales.Activity `json:"activity,omitempty"`
	Copy     bool            `json:"copy,omitempty"`
	Contact  *sales.Contact  `json:"contact,omitempty"`
}

// join appends a file name to a folder, local or URL.
func join(dir, name string) string {
	return strings.TrimSuffix(dir, "/") + "/" + name
}

// shardOf returns the shard, of n, that the id hashes to.
func shardOf(id string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64() % uint64(n))
}

// writeShards spreads the portal r over n shard files in dir, with its
// header, and returns the number of lines each shard received.
func writeShards(ctx context.Context, dir string, r sales.Records, h Header, n int) ([]int, error) {
	if n < 1 {
		return nil, fmt.Errorf("%d shards: want at least 1", n)
	}
	fs, err := filesystem.New(ctx, join(dir, headerName))
	if err != nil {
		return nil, err
	}
	defer fs.Close()

	h.Format, h.Shards, h.Shared = HeaderFormat, n, r
	h.Shared.Deals, h.Shared.LineItems = nil, nil
	h.Shared.Activities, h.Shared.Contacts = nil, nil
	if err := writeFile(ctx, fs, join(dir, headerName), func(w *bufio.Writer) error {
		return json.NewEncoder(w).Encode(h)
	}); err != nil {
		return nil, err
	}

	files := make([]*shardFile, n)
	for k := range files {
		name := join(dir, fmt.Sprintf("shard-%05d.jsonl", k))
		if files[k], err = openShard(ctx, fs, name); err != nil {
			closeAll(files[:k])
			return nil, err
		}
	}
	err = spread(r, files)
	lines := make([]int, n)
	for k, f := range files {
		lines[k] = f.lines
		if cerr := f.close(); err == nil {
			err = cerr
		}
	}
	return lines, err
}

// spread writes every record of r to the shard files it belongs in.
func spread(r sales.Records, files []*shardFile) error {
	n := len(files)
	home := make(map[sales.DealID]int, len(r.Deals))
	for i := range r.Deals {
		d := &r.Deals[i]
		k, ok := home[d.ID]
		if !ok {
			k = shardOf(string(d.ID), n)
			home[d.ID] = k
		}
		files[k].put(Line{Deal: d})
	}
	for i := range r.LineItems {
		li := &r.LineItems[i]
		k, ok := home[li.Deal]
		if !ok {
			k = shardOf(string(li.ID), n)
		}
		files[k].put(Line{LineItem: li})
	}
	seen := make([]bool, n)
	for i := range r.Activities {
		spreadActivity(&r.Activities[i], files, home, seen)
	}
	for i := range r.Contacts {
		c := &r.Contacts[i]
		files[shardOf(string(c.ID), n)].put(Line{Contact: c})
	}
	for _, f := range files {
		if f.err != nil {
			return f.err
		}
	}
	return nil
}

// spreadActivity writes activity a to its shard, and a copy to every
// other shard holding one of its deals. seen is scratch space of one bool
// per shard.
func spreadActivity(a *sales.Activity, files []*shardFile, home map[sales.DealID]int, seen []bool) {
	clear(seen)
	first := -1
	for _, id := range a.Deals {
		k, ok := home[id]
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		if first < 0 {
			first = k
			files[k].put(Line{Activity: a})
		} else {
			files[k].put(Line{Activity: a, Copy: true})
		}
	}
	if first < 0 {
		files[shardOf(string(a.ID), len(files))].put(Line{Activity: a})
	}
}

// shardFile is a shard being written; it keeps the first error.
type shardFile struct {
	wc    io.WriteCloser
	w     *bufio.Writer
	enc   *json.Encoder
	lines int
	err   error
}

func openShard(ctx context.Context, fs filesystem.Interface, name string) (*shardFile, error) {
	wc, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(wc, 256<<10)
	return &shardFile{wc: wc, w: w, enc: json.NewEncoder(w)}, nil
}

func (f *shardFile) put(l Line) {
	if f.err == nil {
		f.err = f.enc.Encode(l)
		f.lines++
	}
}

func (f *shardFile) close() error {
	err := f.err
	if ferr := f.w.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.wc.Close(); err == nil {
		err = cerr
	}
	return err
}

func closeAll(files []*shardFile) {
	for _, f := range files {
		f.close()
	}
}

// writeFile writes one file through fs with write.
func writeFile(ctx context.Context, fs filesystem.Interface, name string,
	write func(*bufio.Writer) error) error {
	wc, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(wc)
	err = write(w)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	return err
}

// readHeader reads and checks the header of the portal in dir.
func readHeader(ctx context.Context, dir string) (Header, error) {
	name := join(dir, headerName)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return Header{}, err
	}
	defer fs.Close()
	b, err := filesystem.Read(ctx, fs, name)
	if err != nil {
		return Header{}, err
	}
	return parseHeader(b)
}

// parseHeader decodes a header file's text.
func parseHeader(b []byte) (Header, error) {
	var h Header
	if err := json.Unmarshal(b, &h); err != nil {
		return Header{}, fmt.Errorf("header: %w", err)
	}
	if h.Format != HeaderFormat {
		return Header{}, fmt.Errorf("header: format %q is not %q", h.Format, HeaderFormat)
	}
	if h.Shards < 1 {
		return Header{}, fmt.Errorf("header: %d shards", h.Shards)
	}
	return h, nil
}
