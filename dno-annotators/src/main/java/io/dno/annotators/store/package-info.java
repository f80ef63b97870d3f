/** Append-only JSON Lines files that survive a crash mid-write: the storage of caches and teacher answers. */
package io.dno.annotators.store;
