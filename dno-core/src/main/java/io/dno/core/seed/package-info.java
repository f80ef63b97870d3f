/**
 * Seeds: the one place where run seeds are mixed with iteration numbers, prompt ids and sample indices, and
 * where lists are shuffled reproducibly. Every random draw of a run is keyed by what it is about, never by
 * batch position or thread, so the same run gives the same bytes in one process or spread over many.
 */
package io.dno.core.seed;
