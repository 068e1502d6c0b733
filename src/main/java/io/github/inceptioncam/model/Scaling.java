package io.github.inceptioncam.model;

/** How raw pixel values become floats before mean/std normalisation. */
public enum Scaling {
	/** 8-bit and RGB divided by 255, 16-bit by 65535, 32-bit as is (the default). */
	RANGE,
	/** Per image and channel: the low and high percentiles map to 0 and 1 (not clipped). */
	PERCENTILE,
	/** Raw pixel values, whatever the bit depth. */
	NONE;

	public static Scaling parse(String s) {
		switch (s.trim().toLowerCase()) {
			case "range": case "bitdepth": case "bit-depth": return RANGE;
			case "percentile": case "percentiles": return PERCENTILE;
			case "none": case "raw": return NONE;
			default: throw new IllegalArgumentException("scaling must be range, percentile or none, not '" + s + "'");
		}
	}
}
