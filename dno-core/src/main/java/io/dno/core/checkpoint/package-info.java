/**
 * Model weights on disk in the Hugging Face
 * <a href="https://github.com/huggingface/safetensors#format">safetensors</a> format: a validating,
 * memory-mapped reader and an atomic writer (F32, F16 and BF16 storage, BF16 converted in Java because
 * DJL's native layer aborts the JVM on {@code DataType.BFLOAT16}), and sharded checkpoints with a
 * {@code model.safetensors.index.json} as written by {@code transformers}' {@code save_pretrained}.
 *
 * <p>Every malformed file surfaces as a {@link io.dno.core.checkpoint.CheckpointException} naming the file,
 * the tensor and the fix; no input can make the reader run out of memory or index out of bounds.
 */
package io.dno.core.checkpoint;
