package sales

// SetChunkSize sets the size of the blocks ReadTables reads, so that tests
// cut small files into many chunks, and returns a function that restores
// it.
func SetChunkSize(n int) (restore func()) {
	old := chunkSize
	chunkSize = n
	return func() { chunkSize = old }
}
