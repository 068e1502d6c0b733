package io.github.inceptioncam.inference;

import java.nio.FloatBuffer;

/** A filled input tensor: a float buffer holding {@code count} images of the given shape. */
public final class InputBatch {
	final FloatBuffer buffer;
	final long[] shape;

	public InputBatch(FloatBuffer buffer, long[] shape) {
		this.buffer = buffer;
		this.shape = shape.clone();
	}

	public int count() {
		return (int) shape[0];
	}
}
