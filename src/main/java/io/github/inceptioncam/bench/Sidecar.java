package io.github.inceptioncam.bench;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.util.List;

/**
 * The part of our model sidecar (docs/MODELS.md) the raw peer needs, read with Gson: input size,
 * channels and normalisation. Absent fields keep the documented defaults.
 */
final class Sidecar {
	static final class Input {
		int width = 224;
		int height = 224;
		int channels = 3;
		String layout = "NCHW";
	}

	static final class Normalization {
		String scaling = "range";
		double[] percentiles = {1, 99.8};
		double[] mean = {0};
		double[] std = {1};
	}

	Input input = new Input();
	Normalization normalization = new Normalization();
	List<String> labels;

	static Sidecar parse(String json) {
		Sidecar s;
		try {
			s = new Gson().fromJson(json, Sidecar.class);
		} catch (JsonParseException e) {
			throw new IllegalArgumentException("model sidecar is not valid JSON: " + e.getMessage());
		}
		if (s == null) s = new Sidecar();
		if (s.input == null) s.input = new Input();
		if (s.normalization == null) s.normalization = new Normalization();
		if (!"NCHW".equalsIgnoreCase(s.input.layout)) throw new IllegalArgumentException("the raw peer handles NCHW models only");
		return s;
	}

	double mean(int c) {
		double[] m = normalization.mean;
		return m == null || m.length == 0 ? 0 : m[Math.min(c, m.length - 1)];
	}

	double std(int c) {
		double[] s = normalization.std;
		return s == null || s.length == 0 ? 1 : s[Math.min(c, s.length - 1)];
	}

	String label(int c) {
		return labels != null && c < labels.size() ? labels.get(c) : Integer.toString(c);
	}
}
