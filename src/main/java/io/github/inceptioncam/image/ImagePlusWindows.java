package io.github.inceptioncam.image;

import ij.ImagePlus;
import io.github.inceptioncam.inference.ImageInput;
import io.github.inceptioncam.inference.WindowSource;
import java.awt.Rectangle;

/**
 * The windows of an open image at one stack position (all its channels), read from its processors one
 * window at a time, as {@link ImageInputs#at} reads a selection: no full-size copy, pixels untouched.
 */
public final class ImagePlusWindows implements WindowSource {
	private final ImagePlus imp;
	private final int z;
	private final int t;
	private final String name;

	/** The windows of {@code imp} at slice {@code z} and frame {@code t} (1-based). */
	public ImagePlusWindows(ImagePlus imp, int z, int t, String name) {
		this.imp = imp;
		this.z = z;
		this.t = t;
		this.name = name;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public int width() {
		return imp.getWidth();
	}

	@Override
	public int height() {
		return imp.getHeight();
	}

	@Override
	public ImageInput read(int x, int y, int w, int h) {
		return ImageInputs.at(imp, z, t, new Rectangle(x, y, w, h), name + " [" + x + "," + y + "]");
	}
}
