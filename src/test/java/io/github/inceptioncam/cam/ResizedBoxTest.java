package io.github.inceptioncam.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.model.CamHead;
import io.github.inceptioncam.model.Layout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The box found without resampling against the box of the resampled map, and the maps of many classes at once. */
class ResizedBoxTest {
	@Test
	void equalsTheBoxOfTheResampledMap() {
		Random rnd = new Random(7);
		int checked = 0, nulls = 0, boxes = 0;
		for (int t = 0; t < 4000; t++) {
			int sw = 1 + rnd.nextInt(10), sh = 1 + rnd.nextInt(10);
			// upsampling (the usual case, to odd and non-square sizes), the same size and downsampling
			int dw = t % 7 == 0 ? 1 + rnd.nextInt(sw) : sw + rnd.nextInt(t % 3 == 0 ? 320 : 40);
			int dh = t % 11 == 0 ? 1 + rnd.nextInt(sh) : sh + rnd.nextInt(t % 3 == 0 ? 320 : 40);
			double[] m = new double[sw * sh];
			int kind = t % 5;
			for (int i = 0; i < m.length; i++) {
				switch (kind) {
					case 0: // signed noise
						m[i] = rnd.nextGaussian();
						break;
					case 1: // no positive evidence
						m[i] = -rnd.nextDouble();
						break;
					case 2: // a few hot spots on zero: separate components after resampling
						m[i] = rnd.nextDouble() < 0.2 ? 1 + rnd.nextDouble() : 0;
						break;
					case 3: // smooth bumps, like a CAM
						double x = i % sw, y = i / sw;
						m[i] = Math.sin(x * 0.9 + t) * Math.cos(y * 0.6 - t) * 10;
						break;
					default: // non-negative, ReLU-like
						m[i] = Math.max(0, rnd.nextGaussian());
				}
			}
			double fraction = t % 9 == 0 ? rnd.nextDouble() : CamBox.DEFAULT_FRACTION;
			int[] want = CamBox.box(Bilinear.resize(m, sw, sh, dw, dh), dw, dh, fraction);
			int[] got = ResizedBox.box(m, sw, sh, dw, dh, fraction);
			assertArrayEquals(want, got, "map " + t + " " + sw + "x" + sh + " -> " + dw + "x" + dh + " kind " + kind);
			checked++;
			if (want == null) nulls++;
			else boxes++;
		}
		assertEquals(4000, checked);
		assertTrue(nulls > 300 && boxes > 2500, nulls + " without a box, " + boxes + " with one");
	}

	@Test
	void inceptionSizedMapsToImageSize() {
		Random rnd = new Random(3);
		for (int t = 0; t < 200; t++) {
			double[] m = new double[64];
			for (int i = 0; i < m.length; i++) m[i] = rnd.nextGaussian() + (i % 8 > 4 ? 1 : 0);
			assertArrayEquals(CamBox.box(Bilinear.resize(m, 8, 8, 299, 299), 299, 299, 0.2), ResizedBox.box(m, 8, 8, 299, 299, 0.2));
			assertArrayEquals(CamBox.box(Bilinear.resize(m, 8, 8, 1024, 731), 1024, 731, 0.2), ResizedBox.box(m, 8, 8, 1024, 731, 0.2));
		}
	}

	@Test
	void manyClassesAtOnceAreBitIdenticalToOneAtATime() {
		Random rnd = new Random(5);
		int k = 37, fh = 3, fw = 5, classes = 11;
		float[] nchw = new float[2 * k * fh * fw], nhwc = new float[nchw.length];
		for (int i = 0; i < nchw.length; i++) nchw[i] = (float) rnd.nextGaussian();
		for (int b = 0; b < 2; b++) {
			for (int j = 0; j < k; j++) {
				for (int p = 0; p < fh * fw; p++) nhwc[b * k * fh * fw + p * k + j] = nchw[b * k * fh * fw + j * fh * fw + p];
			}
		}
		double[][] w = new double[classes][k];
		for (double[] row : w) for (int j = 0; j < k; j++) row[j] = rnd.nextGaussian();
		CamHead head = new CamHead(CamHead.Kind.LINEAR, "f", Layout.NCHW, w, new double[classes], "gap", "fc", 1);
		int[] wanted = {10, 3, 3, 0, 7, 1, 2, 9, 4}; // any order, repeats, a remainder after the blocks of four
		for (Layout layout : Layout.values()) {
			FeatureMap f = new FeatureMap(layout == Layout.NCHW ? nchw : nhwc, k * fh * fw, k, fh, fw, layout);
			double[][] all = CamMaps.raw(head, f, wanted);
			assertEquals(wanted.length, all.length);
			for (int i = 0; i < wanted.length; i++) assertArrayEquals(CamMaps.raw(head, f, wanted[i]), all[i], layout + " class " + wanted[i]);
		}
	}

	@Test
	void equalComponentsGoToTheFirstInRowMajorOrder() {
		// two identical blobs: CamBox keeps the one whose first pixel comes first; mirrored and transposed
		double[] lr = new double[7 * 5], tb = new double[5 * 7];
		for (int y = 0; y < 5; y++) {
			for (int x = 0; x < 7; x++) {
				double v = (x == 1 || x == 5) && y >= 1 && y <= 3 ? 1 : 0;
				lr[y * 7 + x] = v;
				tb[x * 5 + y] = v;
			}
		}
		int[] a = ResizedBox.box(lr, 7, 5, 70, 50, 0.2), b = ResizedBox.box(tb, 5, 7, 50, 70, 0.2);
		assertArrayEquals(CamBox.box(Bilinear.resize(lr, 7, 5, 70, 50), 70, 50, 0.2), a);
		assertArrayEquals(CamBox.box(Bilinear.resize(tb, 5, 7, 50, 70), 50, 70, 0.2), b);
		assertTrue(a[0] < 35 && b[1] < 35, "the first of two equal blobs: " + java.util.Arrays.toString(a) + " " + java.util.Arrays.toString(b));
	}

	@Test
	void saddlesWhereARowsPrefixMeetsTheNextRowsSuffix() {
		// diagonal checkerboards make saddle cells, whose rows go from a kept prefix to a kept suffix: whether the
		// two halves touch depends on where the crossings are, at thresholds around the saddle's value
		Random rnd = new Random(11);
		int checked = 0;
		for (int t = 0; t < 600; t++) {
			int sw = 2 + rnd.nextInt(4), sh = 2 + rnd.nextInt(4);
			double[] m = new double[sw * sh];
			for (int i = 0; i < m.length; i++) m[i] = ((i % sw + i / sw) % 2 == 0 ? 1 : 0.1) + 0.3 * rnd.nextDouble();
			int dw = sw * (3 + rnd.nextInt(30)) + rnd.nextInt(sw), dh = sh * (3 + rnd.nextInt(30)) + rnd.nextInt(sh);
			double fraction = 0.3 + 0.5 * rnd.nextDouble();
			assertArrayEquals(CamBox.box(Bilinear.resize(m, sw, sh, dw, dh), dw, dh, fraction), ResizedBox.box(m, sw, sh, dw, dh, fraction),
				"checkerboard " + t + " " + sw + "x" + sh + " -> " + dw + "x" + dh + " at " + fraction);
			checked++;
		}
		assertEquals(600, checked);
	}

	@Test
	void oneGeometryServesManyMapsInAnyOrder() {
		// the geometry keeps working arrays between maps: a map after a very different one gives its own box
		Random rnd = new Random(13);
		ResizedBox.Geometry g = new ResizedBox.Geometry(7, 7, 224, 224);
		for (int t = 0; t < 300; t++) {
			double[] m = new double[49];
			for (int i = 0; i < m.length; i++) m[i] = t % 2 == 0 ? rnd.nextGaussian() : Math.max(0, 3 - Math.abs(i % 7 - 3) - Math.abs(i / 7 - t % 7));
			assertArrayEquals(CamBox.box(Bilinear.resize(m, 7, 7, 224, 224), 224, 224, 0.2), g.box(m, 0.2), "map " + t);
		}
	}
}
