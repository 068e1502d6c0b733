package io.github.inceptioncam.cam;

import io.github.inceptioncam.model.Layout;

/** One image's feature map: {@code channels x height x width} values in a given layout. */
public final class FeatureMap {
	private final float[] data;
	private final int offset;
	private final int channels;
	private final int height;
	private final int width;
	private final Layout layout;

	/**
	 * @param data backing array (not copied)
	 * @param offset index of this image's first value in {@code data}
	 */
	public FeatureMap(float[] data, int offset, int channels, int height, int width, Layout layout) {
		if (offset < 0 || (long) offset + (long) channels * height * width > data.length) {
			throw new IllegalArgumentException("feature map " + channels + "x" + height + "x" + width + " does not fit the data");
		}
		this.data = data;
		this.offset = offset;
		this.channels = channels;
		this.height = height;
		this.width = width;
		this.layout = layout;
	}

	public int channels() {
		return channels;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	public Layout layout() {
		return layout;
	}

	/** The backing array (not a copy). */
	float[] data() {
		return data;
	}

	/** Index of this image's first value in {@link #data()}. */
	int offset() {
		return offset;
	}

	/** This image's values in its layout ({@code channels*height*width} of them), as a read-only view. */
	public java.nio.FloatBuffer values() {
		return java.nio.FloatBuffer.wrap(data, offset, channels * height * width).slice().asReadOnlyBuffer();
	}

	/** Value of channel k at row y, column x. */
	public float get(int k, int y, int x) {
		return layout == Layout.NCHW
			? data[offset + (k * height + y) * width + x]
			: data[offset + (y * width + x) * channels + k];
	}
}
