package io.github.inceptioncam.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Native-order direct float buffers: ONNX Runtime wraps them without a copy. */
final class DirectBuffers {
	private DirectBuffers() {}

	static FloatBuffer floats(long n) {
		if (n * Float.BYTES > Integer.MAX_VALUE) throw new IllegalArgumentException("input batch too large: " + n + " floats");
		return ByteBuffer.allocateDirect((int) (n * Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
	}
}
