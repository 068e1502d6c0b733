package io.github.inceptioncam.inference;

import java.util.HashMap;
import java.util.Map;

/** The tensors a run returned that the engine asked for, copied out of native memory. */
public final class RawOutputs {
	private final Map<String, float[]> data = new HashMap<>();
	private final Map<String, long[]> shapes = new HashMap<>();

	void put(String name, float[] values, long[] shape) {
		data.put(name, values);
		shapes.put(name, shape);
	}

	public float[] data(String name) {
		return data.get(name);
	}

	public long[] shape(String name) {
		return shapes.get(name);
	}

	public boolean has(String name) {
		return data.containsKey(name);
	}
}
