package io.github.inceptioncam.inference;

import java.util.Collections;
import java.util.List;

/**
 * One image ready for preprocessing, independent of ImageJ: raw pixel values as float planes (one per
 * channel, row-major) plus the bit depth that tells how to scale them.
 */
public final class ImageInput {
	/** Bit depth of the source: 8, 16, 24 (RGB) or 32 (float). */
	private final int bitDepth;
	private final String name;
	private final int width;
	private final int height;
	private final List<float[]> planes;

	public ImageInput(String name, int width, int height, int bitDepth, List<float[]> planes) {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException(name + ": empty image (" + width + "x" + height + ")");
		if (planes.isEmpty()) throw new IllegalArgumentException(name + ": image has no channels");
		for (float[] p : planes) {
			if (p.length != width * height) throw new IllegalArgumentException(name + ": plane size does not match " + width + "x" + height);
		}
		if (bitDepth != 8 && bitDepth != 16 && bitDepth != 24 && bitDepth != 32) {
			throw new IllegalArgumentException(name + ": unsupported bit depth " + bitDepth);
		}
		if (bitDepth == 32) {
			long bad = 0;
			for (float[] p : planes) for (float v : p) if (!Float.isFinite(v)) bad++;
			if (bad > 0) {
				throw new IllegalArgumentException(name + ": " + bad + " of the 32-bit image's pixels are NaN or infinite; replace them"
					+ " first (Process > Math > Remove NaNs, or crop them out)");
			}
		}
		this.name = name;
		this.width = width;
		this.height = height;
		this.bitDepth = bitDepth;
		this.planes = Collections.unmodifiableList(planes);
	}

	public String name() {
		return name;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int bitDepth() {
		return bitDepth;
	}

	public int channels() {
		return planes.size();
	}

	public float[] plane(int c) {
		return planes.get(c);
	}

	/** The divisor that maps this bit depth to [0, 1]: 255, 65535, or 1 for float images. */
	public double rangeDivisor() {
		switch (bitDepth) {
			case 8: case 24: return 255;
			case 16: return 65535;
			default: return 1;
		}
	}
}
