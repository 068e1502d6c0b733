package io.github.inceptioncam.model;

import java.util.Arrays;

/**
 * One preprocessing step of a bioimage.io package, applied per channel to the model-sized planes after
 * the resize (see {@code inference.Preprocessor}). Parameters are per channel (one value applies to
 * all); statistics (percentiles, mean, std) are per sample, per channel or over all channels jointly.
 * Formulas as in the bioimage.io spec: {@code scale_range (x - lo) / (hi - lo + eps)},
 * {@code zero_mean_unit_variance (x - mean) / (std + eps)} (population std), {@code binarize x > t}.
 */
public final class PreStep {
	/** The operations. */
	public enum Op {
		/** {@code gain * x + offset}. */
		SCALE_LINEAR,
		/** {@code (x - p_lo) / (p_hi - p_lo + eps)}, percentiles of the sample. */
		SCALE_RANGE,
		/** {@code (x - mean) / (std + eps)}, mean and std of the sample. */
		ZERO_MEAN_UNIT_VARIANCE,
		/** {@code (x - mean) / (std + eps)} with given values. */
		FIXED_ZERO_MEAN_UNIT_VARIANCE,
		/** 1 where {@code x > threshold}, else 0. */
		BINARIZE,
		/** {@code min(max(x, lo), hi)}, bounds fixed or percentiles of the sample. */
		CLIP,
		/** {@code 1 / (1 + exp(-x))}. */
		SIGMOID
	}

	final Op op;
	/** Per-channel first/second parameter: gain/offset, mean/std, threshold, clip min/max. */
	final double[] a, b;
	/** Percentiles (0-100) for SCALE_RANGE and percentile CLIP (NaN: not used). */
	final double pLow, pHigh;
	final double eps;
	/** Statistics over all channels together (true) or per channel. */
	final boolean joint;

	private PreStep(Op op, double[] a, double[] b, double pLow, double pHigh, double eps, boolean joint) {
		this.op = op;
		this.a = a;
		this.b = b;
		this.pLow = pLow;
		this.pHigh = pHigh;
		this.eps = eps;
		this.joint = joint;
	}

	public static PreStep scaleLinear(double[] gain, double[] offset) {
		return new PreStep(Op.SCALE_LINEAR, gain, offset, Double.NaN, Double.NaN, 0, false);
	}

	public static PreStep scaleRange(double pLow, double pHigh, double eps, boolean joint) {
		return new PreStep(Op.SCALE_RANGE, null, null, pLow, pHigh, eps, joint);
	}

	public static PreStep zeroMeanUnitVariance(double eps, boolean joint) {
		return new PreStep(Op.ZERO_MEAN_UNIT_VARIANCE, null, null, Double.NaN, Double.NaN, eps, joint);
	}

	public static PreStep fixedZeroMeanUnitVariance(double[] mean, double[] std, double eps) {
		return new PreStep(Op.FIXED_ZERO_MEAN_UNIT_VARIANCE, mean, std, Double.NaN, Double.NaN, eps, false);
	}

	public static PreStep binarize(double[] threshold) {
		return new PreStep(Op.BINARIZE, threshold, null, Double.NaN, Double.NaN, 0, false);
	}

	/** Fixed bounds (±infinity: none) or, where a percentile is not NaN, that percentile of the sample. */
	public static PreStep clip(double min, double max, double pLow, double pHigh, boolean joint) {
		return new PreStep(Op.CLIP, new double[] {min}, new double[] {max}, pLow, pHigh, 0, joint);
	}

	public static PreStep sigmoid() {
		return new PreStep(Op.SIGMOID, null, null, Double.NaN, Double.NaN, 0, false);
	}

	public Op op() {
		return op;
	}

	/** Parameter value for channel c (one value applies to every channel). */
	public double a(int c) {
		return a.length == 1 ? a[0] : a[c];
	}

	public double b(int c) {
		return b.length == 1 ? b[0] : b[c];
	}

	public double percentileLow() {
		return pLow;
	}

	public double percentileHigh() {
		return pHigh;
	}

	public double eps() {
		return eps;
	}

	public boolean joint() {
		return joint;
	}

	/** Checks that per-channel parameters have 1 or {@code channels} values. */
	void checkChannels(int channels) {
		for (double[] v : new double[][] {a, b}) {
			if (v != null && v.length != 1 && v.length != channels) {
				throw new IllegalArgumentException(name() + " has " + v.length + " values per channel but the model has " + channels + " channel(s)");
			}
		}
	}

	/** The bioimage.io name of the step. */
	public String name() {
		return op.name().toLowerCase();
	}

	@Override
	public String toString() {
		switch (op) {
			case SCALE_LINEAR: return "scale_linear(gain " + Arrays.toString(a) + ", offset " + Arrays.toString(b) + ")";
			case SCALE_RANGE: return "scale_range(" + pLow + "-" + pHigh + " %" + (joint ? ", joint" : ", per channel") + ")";
			case ZERO_MEAN_UNIT_VARIANCE: return "zero_mean_unit_variance(" + (joint ? "joint" : "per channel") + ")";
			case FIXED_ZERO_MEAN_UNIT_VARIANCE: return "fixed_zero_mean_unit_variance(mean " + Arrays.toString(a) + ", std " + Arrays.toString(b) + ")";
			case BINARIZE: return "binarize(" + Arrays.toString(a) + ")";
			case CLIP: return "clip(" + (Double.isNaN(pLow) ? String.valueOf(a[0]) : pLow + " %") + ", "
				+ (Double.isNaN(pHigh) ? String.valueOf(b[0]) : pHigh + " %") + ")";
			default: return "sigmoid";
		}
	}
}
