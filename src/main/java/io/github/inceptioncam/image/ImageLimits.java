package io.github.inceptioncam.image;

import java.util.Locale;

/**
 * The largest image classified whole. Above {@link #MAX_PIXELS} an image is refused with a one-line
 * message asking for tiles, before its pixels are decoded: a whole-image classification copies every
 * channel into float planes, which for a 30,000 x 30,000 image would need gigabytes. The tiled path
 * reads windows lazily and does not use this check.
 */
public final class ImageLimits {
	/** 2^26 pixels (8192 x 8192, 67 megapixels): larger images are classified in tiles. */
	public static final long MAX_PIXELS = 1L << 26;

	private ImageLimits() {}

	/** Null when a width x height image can be classified whole, otherwise the one-line reason. */
	public static String check(long width, long height) {
		if (width <= 0 || height <= 0) return "the image is empty (" + width + " x " + height + " pixels)";
		if (width * height > MAX_PIXELS || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
			return String.format(Locale.ROOT, "%d x %d pixels is over the %d-megapixel limit (8192 x 8192) for a whole image;"
				+ " classify it in tiles (classify --tiles, or the tiles option in Fiji)", width, height, MAX_PIXELS / 1_000_000);
		}
		return null;
	}

	/** Throws IllegalArgumentException with the reason of {@link #check} when the size is refused. */
	public static void require(long width, long height) {
		String why = check(width, height);
		if (why != null) throw new IllegalArgumentException(why);
	}
}
