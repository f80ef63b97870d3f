package io.dno.serve;

/**
 * One sequence to decode: a prompt and the seed of its random stream (one per choice).
 *
 * @param promptIds the token ids the model is conditioned on
 * @param seed      keys the row's sampling stream, so the same request and seed sample the same in any batch
 */
record Row(int[] promptIds, long seed) {}
