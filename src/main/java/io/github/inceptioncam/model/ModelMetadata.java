package io.github.inceptioncam.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What the engine needs to know about a model beyond its graph: labels, input geometry, layout,
 * channels, normalisation and whether the output is a softmax. Immutable; see
 * {@link MetadataResolver} for where each value comes from.
 */
public final class ModelMetadata {
	private final String name;
	private final List<String> labels;
	private final int inputWidth;
	private final int inputHeight;
	private final int channels;
	private final Layout layout;
	private final Scaling scaling;
	private final double percentileLow;
	private final double percentileHigh;
	private final double[] mean;
	private final double[] std;
	private final Boolean softmaxOutput;
	private final List<String> sources;
	private final List<PreStep> steps;
	private final double[] pixelSize;

	ModelMetadata(Builder b) {
		this.name = b.name;
		this.labels = Collections.unmodifiableList(new ArrayList<>(b.labels));
		this.inputWidth = b.inputWidth;
		this.inputHeight = b.inputHeight;
		this.channels = b.channels;
		this.layout = b.layout;
		this.scaling = b.scaling;
		this.percentileLow = b.percentileLow;
		this.percentileHigh = b.percentileHigh;
		this.mean = b.mean.clone();
		this.std = b.std.clone();
		this.softmaxOutput = b.softmaxOutput;
		this.sources = Collections.unmodifiableList(new ArrayList<>(b.sources));
		this.steps = Collections.unmodifiableList(new ArrayList<>(b.steps));
		this.pixelSize = b.pixelSize == null ? null : b.pixelSize.clone();
	}

	/** The pixel size the model was trained at, {x, y} in micrometres, or null when the metadata gives none. */
	public double[] pixelSize() {
		return pixelSize == null ? null : pixelSize.clone();
	}

	/**
	 * The ordered preprocessing steps of a bioimage.io package, applied per channel after the resize,
	 * the scaling and mean/std; empty for every other model.
	 */
	public List<PreStep> steps() {
		return steps;
	}

	public String name() {
		return name;
	}

	public List<String> labels() {
		return labels;
	}

	/** The label of class c, or "class c" when the model has no label for it. */
	public String label(int c) {
		return c >= 0 && c < labels.size() ? labels.get(c) : "class " + c;
	}

	/** Index of a label (exact, then case-insensitive), or -1. */
	public int indexOf(String label) {
		int i = labels.indexOf(label);
		if (i >= 0) return i;
		for (int j = 0; j < labels.size(); j++) if (labels.get(j).equalsIgnoreCase(label)) return j;
		return -1;
	}

	public int inputWidth() {
		return inputWidth;
	}

	public int inputHeight() {
		return inputHeight;
	}

	public int channels() {
		return channels;
	}

	public Layout layout() {
		return layout;
	}

	public Scaling scaling() {
		return scaling;
	}

	public double percentileLow() {
		return percentileLow;
	}

	public double percentileHigh() {
		return percentileHigh;
	}

	/** Per-channel mean (length = channels). */
	public double[] mean() {
		return mean.clone();
	}

	/** Per-channel standard deviation (length = channels). */
	public double[] std() {
		return std.clone();
	}

	/** True/false when declared by metadata, null when left to the graph. */
	public Boolean softmaxOutput() {
		return softmaxOutput;
	}

	/** Where the values came from, one short phrase each, for reports. */
	public List<String> sources() {
		return sources;
	}

	public String preprocessingSummary() {
		String scale = scaling == Scaling.PERCENTILE ? "percentile " + percentileLow + "-" + percentileHigh
			: scaling == Scaling.RANGE ? "bit-depth range" : "raw values";
		return inputWidth + "x" + inputHeight + "x" + channels + " " + layout + ", bilinear resize (align-corners=false), "
			+ scale + ", mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std)
			+ (steps.isEmpty() ? "" : ", then " + steps)
			+ (pixelSize == null ? "" : ", pixel size " + pixelSize[0] + (pixelSize[1] == pixelSize[0] ? "" : "x" + pixelSize[1]) + " \u00b5m");
	}

	public Builder toBuilder() {
		Builder b = new Builder();
		b.name = name;
		b.labels = new ArrayList<>(labels);
		b.inputWidth = inputWidth;
		b.inputHeight = inputHeight;
		b.channels = channels;
		b.layout = layout;
		b.scaling = scaling;
		b.percentileLow = percentileLow;
		b.percentileHigh = percentileHigh;
		b.mean = mean.clone();
		b.std = std.clone();
		b.softmaxOutput = softmaxOutput;
		b.sources = new ArrayList<>(sources);
		b.steps = new ArrayList<>(steps);
		b.pixelSize = pixelSize == null ? null : pixelSize.clone();
		return b;
	}

	/** Mutable builder; unset values keep the documented defaults. */
	public static final class Builder {
		String name = "model";
		List<String> labels = new ArrayList<>();
		int inputWidth = 224;
		int inputHeight = 224;
		int channels = 3;
		Layout layout = Layout.NCHW;
		Scaling scaling = Scaling.RANGE;
		double percentileLow = 1;
		double percentileHigh = 99.8;
		double[] mean = {0};
		double[] std = {1};
		Boolean softmaxOutput;
		List<String> sources = new ArrayList<>();
		List<PreStep> steps = new ArrayList<>();
		double[] pixelSize;

		public Builder name(String v) { name = v; return this; }
		public Builder labels(List<String> v) { labels = new ArrayList<>(v); return this; }
		public Builder inputSize(int w, int h) { inputWidth = w; inputHeight = h; return this; }
		public Builder channels(int v) { channels = v; return this; }
		public Builder layout(Layout v) { layout = v; return this; }
		public Builder scaling(Scaling v) { scaling = v; return this; }
		public Builder percentiles(double lo, double hi) { percentileLow = lo; percentileHigh = hi; return this; }
		public Builder mean(double... v) { mean = v.clone(); return this; }
		public Builder std(double... v) { std = v.clone(); return this; }
		public Builder softmaxOutput(Boolean v) { softmaxOutput = v; return this; }
		public Builder source(String s) { sources.add(s); return this; }
		public Builder steps(List<PreStep> v) { steps = new ArrayList<>(v); return this; }
		/** The training pixel size in micrometres (x, y). */
		public Builder pixelSize(double x, double y) {
			if (!(x > 0) || !(y > 0) || Double.isInfinite(x) || Double.isInfinite(y)) throw new IllegalArgumentException("pixel_size must be positive, not " + x + ", " + y);
			pixelSize = new double[] {x, y};
			return this;
		}

		/** Validates and broadcasts mean/std to the channel count. */
		public ModelMetadata build() {
			if (channels < 1) throw new IllegalArgumentException("the model input must have at least one channel, not " + channels);
			if (inputWidth <= 0 || inputHeight <= 0) throw new IllegalArgumentException("input size must be positive, not " + inputWidth + "x" + inputHeight);
			mean = broadcast(mean, "mean");
			std = broadcast(std, "std");
			for (double s : std) if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("std values must be positive, got " + Arrays.toString(std));
			for (double m : mean) if (!Double.isFinite(m)) throw new IllegalArgumentException("mean values must be finite, got " + Arrays.toString(mean));
			if (scaling == Scaling.PERCENTILE && !(percentileLow >= 0 && percentileLow < percentileHigh && percentileHigh <= 100)) {
				throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got " + percentileLow + ", " + percentileHigh);
			}
			for (PreStep st : steps) st.checkChannels(channels);
			return new ModelMetadata(this);
		}

		private double[] broadcast(double[] v, String what) {
			if (v.length == channels) return v;
			if (v.length == 1) {
				double[] out = new double[channels];
				Arrays.fill(out, v[0]);
				return out;
			}
			throw new IllegalArgumentException(what + " has " + v.length + " values but the model has " + channels + " channel(s): give 1 or " + channels);
		}
	}
}
