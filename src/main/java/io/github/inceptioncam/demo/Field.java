package io.github.inceptioncam.demo;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ShortProcessor;
import java.util.Locale;

/** One generated field: 16-bit pixels, its class and the box {x, y, w, h} of the deciding object (null for interphase). */
public final class Field {
	private final int width;
	private final int height;
	private final short[] pixels;
	private final DemoClass label;
	private final int[] box;
	private final long seed;

	Field(int width, int height, short[] pixels, DemoClass label, int[] box, long seed) {
		this.width = width;
		this.height = height;
		this.pixels = pixels;
		this.label = label;
		this.box = box;
		this.seed = seed;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Row-major unsigned 16-bit counts (a copy). */
	public short[] pixels() {
		return pixels.clone();
	}

	public DemoClass label() {
		return label;
	}

	/** Box {x, y, w, h} in pixels of the object that decides the class, or null for interphase (a copy). */
	public int[] box() {
		return box == null ? null : box.clone();
	}

	/** The seed this field was drawn from. */
	public long seed() {
		return seed;
	}

	/** The field as an ImageJ image with a spatial calibration of {@code umPerPixel} micrometres per pixel. */
	public ImagePlus toImagePlus(String title, double umPerPixel) {
		ImagePlus imp = new ImagePlus(title, new ShortProcessor(width, height, pixels.clone(), null));
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = umPerPixel;
		cal.pixelHeight = umPerPixel;
		cal.pixelDepth = 1;
		cal.setUnit("\u00B5m");
		imp.resetDisplayRange();
		imp.setProperty("Info", String.format(Locale.ROOT, "Inception CAM demo field%nclass: %s%nbox: %s%nseed: %d%n", label.label(),
			box == null ? "none" : box[0] + "," + box[1] + "," + box[2] + "," + box[3], seed));
		return imp;
	}
}
