package io.github.inceptioncam.inference;

import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.cam.CamMaps;

/** The CAM of one class on one image: the raw map at feature resolution and what derives from it. */
public final class CamResult {
	private final int classIndex;
	private final String label;
	private final double[] raw;
	private final int featureWidth;
	private final int featureHeight;
	private final int imageWidth;
	private final int imageHeight;
	/** Resampled on first request and kept (null until then, or given). */
	private volatile double[] upsampled;
	/** How the map is resampled to the image when not given: null for {@link Bilinear#resize} of the whole map. */
	private final java.util.function.Supplier<double[]> resampler;
	private final int[] box;
	private final double identityError;
	private final String method;
	private final boolean exact;

	CamResult(int classIndex, String label, double[] raw, int featureWidth, int featureHeight, int imageWidth,
			int imageHeight, double[] upsampled, int[] box, double identityError, String method, boolean exact) {
		this(classIndex, label, raw, featureWidth, featureHeight, imageWidth, imageHeight, upsampled, null, box, identityError, method, exact);
	}

	/** As above, with {@code resampler} making the resampled map when it is asked for and was not given. */
	CamResult(int classIndex, String label, double[] raw, int featureWidth, int featureHeight, int imageWidth, int imageHeight,
			double[] upsampled, java.util.function.Supplier<double[]> resampler, int[] box, double identityError, String method, boolean exact) {
		this.classIndex = classIndex;
		this.label = label;
		this.raw = raw;
		this.featureWidth = featureWidth;
		this.featureHeight = featureHeight;
		this.imageWidth = imageWidth;
		this.imageHeight = imageHeight;
		this.upsampled = upsampled;
		this.resampler = resampler;
		this.box = box;
		this.identityError = identityError;
		this.method = method;
		this.exact = exact;
	}

	/** "cam" (pooling then linear), "hirescam" (other piecewise-linear heads, exact) or "gradient" (first-order). */
	public String method() {
		return method;
	}

	/** Whether {@code mean(M_c) + b_eff = z_c} holds exactly for this map. */
	public boolean exact() {
		return exact;
	}

	public int classIndex() {
		return classIndex;
	}

	public String label() {
		return label;
	}

	/** Raw signed map, row-major {@code featureHeight x featureWidth}, no normalisation. */
	public double[] raw() {
		return raw.clone();
	}

	public double raw(int y, int x) {
		return raw[y * featureWidth + x];
	}

	public int featureWidth() {
		return featureWidth;
	}

	public int featureHeight() {
		return featureHeight;
	}

	public int imageWidth() {
		return imageWidth;
	}

	public int imageHeight() {
		return imageHeight;
	}

	/**
	 * Raw map resampled to the image geometry (inverse of the preprocessing resize), computed once by the
	 * session (it also gives the box); a copy.
	 */
	public double[] upsampled() {
		double[] u = upsampled;
		if (u == null) upsampled = u = resample();
		return u.clone();
	}

	/**
	 * The raw map resampled to the image geometry, made now and not kept: for who goes through the maps of many
	 * classes (1,000 maps at image size are gigabytes).
	 */
	public double[] resample() {
		double[] u = upsampled;
		if (u != null) return u.clone();
		return resampler != null ? resampler.get() : Bilinear.resize(raw, featureWidth, featureHeight, imageWidth, imageHeight);
	}

	/** Upsampled map after ReLU and division by its maximum, in [0, 1]. */
	public float[] display() {
		return CamMaps.display(upsampled());
	}

	/** {@code {x, y, w, h}} in image pixels, or null when the map has no positive value. */
	public int[] box() {
		return box == null ? null : box.clone();
	}

	/**
	 * {@code mean(M_c) + b_eff - z_c}: zero up to rounding for exact maps; for a first-order map
	 * ({@link #exact()} false) the gap {@code mean(M_c) - z_c} of the linear approximation.
	 */
	public double identityError() {
		return identityError;
	}
}
