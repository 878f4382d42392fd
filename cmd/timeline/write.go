package main

import "timeline/internal/safefile"

// lockDataset takes the lock for writing the dataset file at path and,
// holding it, removes the temporary files that a writer killed half way left
// beside it (see safefile.Lock). A path that is a symbolic link is locked
// where its target lives, so writers naming the file either way take turns.
func lockDataset(path string) (unlock func(), err error) {
	return safefile.Lock(path)
}

// writeFileAtomic writes data to the file at path without destroying what
// the path points at (see safefile.WriteFile): an ordinary file is replaced
// atomically, keeping its mode and owner, so that a reader, or a crash half
// way, sees either the old file or the new one; a link is written through; a
// device, FIFO or socket is written to directly; a directory, a block device
// or a read-only file is refused.
func writeFileAtomic(path string, data []byte) error {
	return safefile.WriteFile(path, data)
}
