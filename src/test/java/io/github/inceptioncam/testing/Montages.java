package io.github.inceptioncam.testing;

import ij.ImagePlus;
import ij.process.ShortProcessor;
import io.github.inceptioncam.demo.DemoClass;
import io.github.inceptioncam.demo.Field;
import io.github.inceptioncam.demo.FieldGenerator;

/** Montages of generated sample fields, for the tile-map tests. */
public final class Montages {
	/** The classes of the 2x2 montage's quadrants: top left, top right, bottom left, bottom right. */
	public static final DemoClass[] QUADRANTS = {DemoClass.MITOSIS, DemoClass.APOPTOSIS, DemoClass.BINUCLEATED, DemoClass.INTERPHASE};

	private Montages() {}

	/** Four {@code size x size} fields of the {@link #QUADRANTS} classes in the quadrants of a 16-bit image. */
	public static ImagePlus twoByTwo(int size, long seed) {
		ShortProcessor ip = new ShortProcessor(2 * size, 2 * size);
		FieldGenerator g = new FieldGenerator(size);
		for (int q = 0; q < 4; q++) {
			Field f = g.generate(seed + q, QUADRANTS[q]);
			short[] px = f.pixels();
			int ox = (q % 2) * size, oy = (q / 2) * size;
			for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) ip.set(ox + x, oy + y, px[y * size + x] & 0xffff);
		}
		return new ImagePlus("montage", ip);
	}
}
