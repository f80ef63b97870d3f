/**
 * Files: JSON Lines reading and writing that name the file, line and field on bad input, and atomic
 * writes (temporary file, fsync, rename) so an interrupted run never leaves a partial artifact.
 */
package io.dno.core.io;
