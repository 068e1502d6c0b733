package io.github.inceptioncam.image;

import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.inference.ImageInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A region taken into the model input at its own scale: centred, never stretched. A region smaller than
 * the input is padded around (mirrored without repeating the edge, like numpy's {@code reflect}, or a
 * constant); a larger one is shrunk to fit, keeping its aspect ratio, then padded.
 */
public final class NativeWindow {
	/** How the input around a smaller region is filled. */
	public enum Padding {
		REFLECT, CONSTANT;

		public static Padding parse(String s) {
			String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
			if (v.equals("reflect")) return REFLECT;
			if (v.equals("constant")) return CONSTANT;
			throw new IllegalArgumentException("padding=" + s + " is not reflect or constant");
		}

		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	private final ImageInput input;
	private final int offsetX;
	private final int offsetY;
	private final int contentWidth;
	private final int contentHeight;

	private NativeWindow(ImageInput input, int offsetX, int offsetY, int contentWidth, int contentHeight) {
		this.input = input;
		this.offsetX = offsetX;
		this.offsetY = offsetY;
		this.contentWidth = contentWidth;
		this.contentHeight = contentHeight;
	}

	/** The region as a {@code width x height} model input. */
	public static NativeWindow take(ImageInput region, int width, int height, Padding padding, double value) {
		ImageInput content = region;
		if (region.width() > width || region.height() > height) {
			double s = Math.min((double) width / region.width(), (double) height / region.height());
			int cw = Math.max(1, Math.min(width, (int) Math.round(region.width() * s)));
			int ch = Math.max(1, Math.min(height, (int) Math.round(region.height() * s)));
			List<float[]> planes = new ArrayList<>();
			float[] lastSrc = null, last = null;
			for (int c = 0; c < region.channels(); c++) {
				float[] p = region.plane(c);
				if (p != lastSrc) last = Bilinear.resize(p, region.width(), region.height(), cw, ch);
				lastSrc = p;
				planes.add(last);
			}
			content = new ImageInput(region.name(), cw, ch, region.bitDepth(), planes);
		}
		int cw = content.width(), ch = content.height();
		int ox = (width - cw) / 2, oy = (height - ch) / 2;
		if (cw == width && ch == height) return new NativeWindow(content, 0, 0, cw, ch);
		int[] xs = new int[width], ys = new int[height];
		for (int x = 0; x < width; x++) xs[x] = source(x - ox, cw, padding);
		for (int y = 0; y < height; y++) ys[y] = source(y - oy, ch, padding);
		List<float[]> planes = new ArrayList<>();
		float[] lastSrc = null, last = null;
		float fill = (float) value;
		for (int c = 0; c < content.channels(); c++) {
			float[] p = content.plane(c);
			if (p != lastSrc) {
				last = new float[width * height];
				for (int y = 0; y < height; y++) {
					int sy = ys[y];
					for (int x = 0; x < width; x++) {
						int sx = xs[x];
						last[y * width + x] = sx < 0 || sy < 0 ? fill : p[sy * cw + sx];
					}
				}
			}
			lastSrc = p;
			planes.add(last);
		}
		return new NativeWindow(new ImageInput(region.name(), width, height, region.bitDepth(), planes), ox, oy, cw, ch);
	}

	/** The content index for position {@code i} (may lie outside [0, n)): mirrored, or -1 for the constant. */
	static int source(int i, int n, Padding padding) {
		if (i >= 0 && i < n) return i;
		if (padding == Padding.CONSTANT) return -1;
		if (n == 1) return 0;
		int period = 2 * (n - 1);
		int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}

	/** The model input. */
	public ImageInput input() {
		return input;
	}

	/** Where the region starts in the model input (negative never: a larger region is shrunk). */
	public int offsetX() {
		return offsetX;
	}

	public int offsetY() {
		return offsetY;
	}

	/** The region's size in the model input (smaller than the region's own when it was shrunk). */
	public int contentWidth() {
		return contentWidth;
	}

	public int contentHeight() {
		return contentHeight;
	}

	/** Whether the region had to be shrunk to fit. */
	public boolean shrunk(ImageInput region) {
		return contentWidth < region.width() || contentHeight < region.height();
	}
}
