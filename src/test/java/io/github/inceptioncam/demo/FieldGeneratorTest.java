package io.github.inceptioncam.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields: reproducible from their seed, boxes inside the image and on the bright deciding object, realistic counts. */
class FieldGeneratorTest {
	private static final List<DemoClass> ALL = Arrays.asList(DemoClass.values());

	@Test
	void sameSeedGivesSamePixelsAndBox() {
		for (DemoClass c : DemoClass.values()) {
			Field a = new FieldGenerator(128).generate(42, c), b = new FieldGenerator(128).generate(42, c);
			assertArrayEquals(a.pixels(), b.pixels(), c.label());
			assertArrayEquals(a.box(), b.box(), c.label());
			assertEquals(c, a.label());
		}
	}

	@Test
	void differentSeedGivesDifferentField() {
		FieldGenerator g = new FieldGenerator(128);
		assertFalse(Arrays.equals(g.generate(1, DemoClass.MITOSIS).pixels(), g.generate(2, DemoClass.MITOSIS).pixels()));
		assertFalse(Arrays.equals(g.generate(1, DemoClass.INTERPHASE).pixels(), g.generate(2, DemoClass.INTERPHASE).pixels()));
	}

	@Test
	void boxesSitOnTheDecidingObject() {
		DemoDataset ds = new DemoDataset(new FieldGenerator(256), 5, ALL, 0.325);
		int brightestInBox = 0, bright = 0;
		for (int i = 0; i < 48; i++) {
			Field f = ds.field(i);
			int[] px = unsigned(f.pixels());
			int[] b = f.box();
			assertEquals(256, f.width());
			assertEquals(256 * 256, px.length);
			if (f.label() == DemoClass.INTERPHASE) {
				assertNull(b, "interphase has no box");
				continue;
			}
			assertNotNull(b, f.label().label());
			assertTrue(b[0] >= 0 && b[1] >= 0 && b[2] > 0 && b[3] > 0 && b[0] + b[2] <= 256 && b[1] + b[3] <= 256, Arrays.toString(b));
			int longSide = Math.max(b[2], b[3]);
			double median = median(px), inside = 0, insideMax = 0, outsideMax = 0;
			for (int y = 0; y < 256; y++) {
				for (int x = 0; x < 256; x++) {
					int v = px[y * 256 + x];
					if (x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + b[3]) {
						inside += v;
						insideMax = Math.max(insideMax, v);
					} else {
						outsideMax = Math.max(outsideMax, v);
					}
				}
			}
			double mean = inside / (b[2] * b[3]);
			String what = f.label().label() + " " + i + " box " + Arrays.toString(b);
			switch (f.label()) {
				case MITOSIS:
					assertTrue(longSide >= 16 && longSide <= 40, what);
					break;
				case APOPTOSIS:
					assertTrue(longSide >= 12 && longSide <= 28, what);
					break;
				default:
					assertTrue(longSide >= 30 && longSide <= 62, what);
			}
			if (f.label() == DemoClass.BINUCLEATED) {
				assertTrue(mean > 3 * median, what + ": box mean " + mean + " vs median " + median);
			} else {
				assertTrue(mean > 4 * median, what + ": box mean " + mean + " vs median " + median);
				assertTrue(insideMax > 0.5 * outsideMax, what + ": box max " + insideMax + " vs elsewhere " + outsideMax);
				bright++;
				if (insideMax >= outsideMax) brightestInBox++;
			}
		}
		assertTrue(brightestInBox >= 0.8 * bright, brightestInBox + " of " + bright + " bright figures hold the brightest pixel");
	}

	@Test
	void looksLikeA16BitCameraImage() {
		FieldGenerator g = new FieldGenerator(256);
		for (int s = 0; s < 8; s++) {
			int[] px = unsigned(g.generate(s, DemoClass.values()[s % 4]).pixels());
			int min = Arrays.stream(px).min().getAsInt(), max = Arrays.stream(px).max().getAsInt();
			double median = median(px);
			assertTrue(min >= 50 && median >= 100 && median < 800, "offset and background: min " + min + " median " + median);
			assertTrue(max > 0.06 * 65535 && max < 0.45 * 65535, "dynamic range: max " + max);
			long distinct = Arrays.stream(px).distinct().count();
			assertTrue(distinct > 1000, "noisy, many grey levels: " + distinct);
		}
	}

	@Test
	void sizeOutOfRangeIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> new FieldGenerator(FieldGenerator.MIN_SIZE - 1));
		assertThrows(IllegalArgumentException.class, () -> new FieldGenerator(FieldGenerator.MAX_SIZE + 1));
		Field small = new FieldGenerator(FieldGenerator.MIN_SIZE).generate(3, DemoClass.BINUCLEATED);
		int[] b = small.box();
		assertTrue(b[0] + b[2] <= 64 && b[1] + b[3] <= 64);
	}

	static int[] unsigned(short[] s) {
		int[] v = new int[s.length];
		for (int i = 0; i < s.length; i++) v[i] = s[i] & 0xffff;
		return v;
	}

	static double median(int[] v) {
		int[] s = v.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}
}
