/**
 * Files: JSON Lines reading and writing that name the file, line and field on bad input, and atomic
 * writes (temporary file, fsync, rename) so an interrupted run never leaves a partial artifact. Errors say what
 * is wrong first: a missing directory "does not exist", a value of the wrong shape names what it must be.
 */
package io.dno.core.io;
