package io.github.inceptioncam.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CamMathTest {
	@Test
	void bilinearUpsamplingMatchesTorchAlignCornersFalse() {
		// torch.nn.functional.interpolate(torch.tensor([[[[0., 1.], [2., 3.]]]]), size=(4, 4),
		//     mode="bilinear", align_corners=False)
		double[] out = Bilinear.resize(new double[] {0, 1, 2, 3}, 2, 2, 4, 4);
		assertArrayEquals(new double[] {
			0.00, 0.25, 0.75, 1.00,
			0.50, 0.75, 1.25, 1.50,
			1.50, 1.75, 2.25, 2.50,
			2.00, 2.25, 2.75, 3.00}, out, 1e-12);
	}

	@Test
	void bilinearNonIntegerScalesMatchTorch() {
		// torch: interpolate(arange(15.).reshape(1,1,3,5), size=(4,7), mode="bilinear", align_corners=False)
		double[] src = new double[15];
		for (int i = 0; i < 15; i++) src[i] = i;
		double[] out = Bilinear.resize(src, 5, 3, 7, 4);
		double[] torch = {
			0.0000, 0.5714, 1.2857, 2.0000, 2.7143, 3.4286, 4.0000,
			3.1250, 3.6964, 4.4107, 5.1250, 5.8393, 6.5536, 7.1250,
			6.8750, 7.4464, 8.1607, 8.8750, 9.5893, 10.3036, 10.8750,
			10.0000, 10.5714, 11.2857, 12.0000, 12.7143, 13.4286, 14.0000};
		assertArrayEquals(torch, out, 1e-4);
		// downsampling: interpolate(arange(28.).reshape(1,1,4,7), size=(2,3), ...)
		double[] src2 = new double[28];
		for (int i = 0; i < 28; i++) src2[i] = i;
		assertArrayEquals(new double[] {4.1666667, 6.5, 8.8333333, 18.1666667, 20.5, 22.8333333},
			Bilinear.resize(src2, 7, 4, 3, 2), 1e-5);
	}

	@Test
	void floatAndDoubleResizeAgree() {
		float[] f = {1, 5, 2, 8, 3, 9};
		double[] d = {1, 5, 2, 8, 3, 9};
		float[] rf = Bilinear.resize(f, 3, 2, 5, 7);
		double[] rd = Bilinear.resize(d, 3, 2, 5, 7);
		for (int i = 0; i < rd.length; i++) assertEquals(rd[i], rf[i], 1e-5);
	}

	@Test
	void displayMapOfConstantOrNegativeMapsIsZerosNotNaN() {
		for (double[] m : new double[][] {{0, 0, 0, 0}, {-1, -2, -3, -0.5}, {2, 2, 2, 2}}) {
			float[] d = CamMaps.display(m);
			for (float v : d) assertEquals(m[0] > 0 ? 1f : 0f, v);
		}
		assertArrayEquals(new float[] {0f, 0.5f, 1f, 0f}, CamMaps.display(new double[] {-4, 1, 2, -1}));
	}

	@Test
	void boxIsTheLargerOfTwoBlobs() {
		int w = 10, h = 8;
		double[] m = new double[w * h];
		// small but brighter blob: 2x2 at (1,1)
		for (int y = 1; y <= 2; y++) for (int x = 1; x <= 2; x++) m[y * w + x] = 10;
		// larger, dimmer blob: 4x3 at (5,3), diagonal neighbour included (8-connected)
		for (int y = 3; y <= 5; y++) for (int x = 5; x <= 8; x++) m[y * w + x] = 5;
		m[6 * w + 9] = 5;
		assertArrayEquals(new int[] {5, 3, 5, 4}, CamBox.box(m, w, h, 0.2));
		// below 20 % of the max: ignored
		m[0] = 1.5;
		assertArrayEquals(new int[] {5, 3, 5, 4}, CamBox.box(m, w, h, 0.2));
		assertNull(CamBox.box(new double[w * h], w, h, 0.2));
	}

	@Test
	void camIsTheWeightedSumOfFeatureChannels() {
		// 2 channels, 1x2 map, NCHW: f0 = [1, 2], f1 = [3, 4]; w = [0.5, -1]
		FeatureMap f = new FeatureMap(new float[] {1, 2, 3, 4}, 0, 2, 1, 2, io.github.inceptioncam.model.Layout.NCHW);
		io.github.inceptioncam.model.CamHead head = new io.github.inceptioncam.model.CamHead(
			io.github.inceptioncam.model.CamHead.Kind.LINEAR, "f", io.github.inceptioncam.model.Layout.NCHW,
			new double[][] {{0.5, -1}}, new double[] {0.25}, "gap", "fc", 1);
		double[] m = CamMaps.raw(head, f, 0);
		assertArrayEquals(new double[] {0.5 - 3, 1 - 4}, m, 1e-12);
		// logit of this head: b + mean(M) = 0.25 - 2.75
		assertEquals(0, CamMaps.identityError(head, m, 0, 0.25 - 2.75), 1e-12);
		// NHWC view of the same values
		FeatureMap g = new FeatureMap(new float[] {1, 3, 2, 4}, 0, 2, 1, 2, io.github.inceptioncam.model.Layout.NHWC);
		assertArrayEquals(m, CamMaps.raw(head, g, 0), 1e-12);
	}
}
