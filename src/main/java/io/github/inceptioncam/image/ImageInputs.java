package io.github.inceptioncam.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.inceptioncam.inference.ImageInput;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/** Converts ImageJ images into {@link ImageInput}s without touching their pixels. */
public final class ImageInputs {
	private ImageInputs() {}

	/** The image at its current position (channel set, slice, frame), within the selection's bounds if any. */
	public static ImageInput fromImagePlus(ImagePlus imp, String name) {
		Rectangle r = imp.getRoi() != null && imp.getRoi().isArea() ? imp.getRoi().getBounds() : null;
		return at(imp, imp.getZ(), imp.getT(), r, name);
	}

	/**
	 * The image at slice z and frame t (1-based), all channels, cropped to {@code bounds} when given.
	 */
	public static ImageInput at(ImagePlus imp, int z, int t, Rectangle bounds, String name) {
		int nc = imp.getNChannels();
		Rectangle full = new Rectangle(0, 0, imp.getWidth(), imp.getHeight());
		Rectangle r = bounds == null ? full : bounds.intersection(full);
		if (r.width <= 0 || r.height <= 0) throw new IllegalArgumentException(name + ": the selection lies outside the image");
		String tooLarge = ImageLimits.check(r.width, r.height);
		if (tooLarge != null) throw new IllegalArgumentException(name + ": " + tooLarge);
		ImageStack stack = imp.getStack();
		List<float[]> planes = new ArrayList<>();
		int depth = imp.getBitDepth();
		for (int c = 1; c <= nc; c++) {
			ImageProcessor ip = stack.getProcessor(imp.getStackIndex(c, z, t));
			if (ip instanceof ColorProcessor) {
				planes.addAll(rgbPlanes((ColorProcessor) ip, r));
				depth = 24;
			} else if (imp.getType() == ImagePlus.COLOR_256 || ImageFiles.isPaletteFile(imp)) {
				// indexed colour (a palette GIF, or a palette PNG/BMP as File > Open leaves it: 8-bit with the
				// file's colour LUT): use the colours, not the indices, as ImageFiles.open does
				planes.addAll(rgbPlanes((ColorProcessor) ip.convertToRGB(), r));
				depth = 24;
			} else {
				planes.add(grey(ip, r));
			}
		}
		return new ImageInput(name, r.width, r.height, depth, planes);
	}

	private static float[] grey(ImageProcessor ip, Rectangle r) {
		float[] out = new float[r.width * r.height];
		for (int y = 0; y < r.height; y++) {
			for (int x = 0; x < r.width; x++) out[y * r.width + x] = ip.getf(r.x + x, r.y + y);
		}
		return out;
	}

	private static List<float[]> rgbPlanes(ColorProcessor cp, Rectangle r) {
		float[] red = new float[r.width * r.height], green = new float[red.length], blue = new float[red.length];
		int[] px = (int[]) cp.getPixels();
		int w = cp.getWidth();
		for (int y = 0; y < r.height; y++) {
			for (int x = 0; x < r.width; x++) {
				int v = px[(r.y + y) * w + r.x + x];
				int i = y * r.width + x;
				red[i] = (v >> 16) & 0xff;
				green[i] = (v >> 8) & 0xff;
				blue[i] = v & 0xff;
			}
		}
		return List.of(red, green, blue);
	}
}
