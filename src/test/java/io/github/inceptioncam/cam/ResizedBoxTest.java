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
}
