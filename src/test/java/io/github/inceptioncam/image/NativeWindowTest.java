package io.github.inceptioncam.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.inference.ImageInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of issue 10: channel mapping, the rescale decision, native-scale windows. */
class NativeWindowTest {
	static ImageInput ramp(int w, int h, int channels) {
		List<float[]> planes = new java.util.ArrayList<>();
		for (int c = 0; c < channels; c++) {
			float[] p = new float[w * h];
			for (int i = 0; i < p.length; i++) p[i] = i + 1000 * c;
			planes.add(p);
		}
		return new ImageInput("ramp", w, h, 32, planes);
	}

	@Test
	void reflectMirrorsWithoutRepeatingTheEdgeLikeNumpy() {
		// numpy.pad(np.arange(4), 4, mode="reflect") = [2 3 2 1 | 0 1 2 3 | 2 1 0 1]: positions -4..7
		int[] got = new int[12];
		for (int i = -4; i < 8; i++) got[i + 4] = NativeWindow.source(i, 4, NativeWindow.Padding.REFLECT);
		assertArrayEquals(new int[] {2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1}, got);
		assertEquals(-1, NativeWindow.source(-1, 4, NativeWindow.Padding.CONSTANT));
		assertEquals(0, NativeWindow.source(7, 1, NativeWindow.Padding.REFLECT));
	}

	@Test
	void aSmallRegionIsCentredUnscaledAndALargeOneShrunkKeepingItsAspect() {
		NativeWindow w = NativeWindow.take(ramp(10, 6, 1), 16, 16, NativeWindow.Padding.CONSTANT, -5);
		assertEquals(3, w.offsetX());
		assertEquals(5, w.offsetY());
		float[] p = w.input().plane(0);
		assertEquals(-5, p[0], 0);
		assertEquals(0, p[5 * 16 + 3], 0); // the region's first pixel, unchanged
		assertEquals(59, p[10 * 16 + 12], 0); // its last
		NativeWindow big = NativeWindow.take(ramp(64, 32, 1), 16, 16, NativeWindow.Padding.REFLECT, 0);
		assertEquals(16, big.contentWidth());
		assertEquals(8, big.contentHeight());
		assertEquals(4, big.offsetY());
		assertTrue(big.shrunk(ramp(64, 32, 1)));
	}

	@Test
	void channelsAutoAndListsMapAsDocumented() {
		assertEquals("1", ChannelMapping.resolve("auto", 1, 1, 0, false).describe());
		assertEquals("1,1,1", ChannelMapping.resolve("auto", 1, 3, 0, false).describe());
		assertEquals("1,2,3", ChannelMapping.resolve("auto", 3, 3, 1, false).describe());
		assertEquals("3", ChannelMapping.resolve("auto", 4, 1, 2, false).describe());
		assertEquals("mean", ChannelMapping.resolve("auto", 3, 1, 0, true).describe());
		assertEquals("1,2,0", ChannelMapping.resolve("auto", 2, 3, 0, false).describe());
		assertEquals("2,1,1", ChannelMapping.resolve(" 2, 1,1 ", 2, 3, 0, false).describe());
		assertNull(ChannelMapping.resolve("auto", 3, 3, 0, false).warning());
		assertTrue(ChannelMapping.resolve("auto", 3, 1, 1, false).warning().startsWith("the image has 3 channels; the model uses channel 2"));
		ImageInput mapped = ChannelMapping.resolve("2,1,1", 2, 3, 0, false).apply(ramp(4, 4, 2));
		assertEquals(1000, mapped.plane(0)[0], 0);
		assertEquals(0, mapped.plane(2)[0], 0);
		assertThrows(IllegalArgumentException.class, () -> ChannelMapping.resolve("0,1", 2, 2, 0, false));
	}

	@Test
	void rescaleOnlyBeyondTenPercentAndWithTheSameResampling() {
		assertEquals(Rescale.NONE, Rescale.decide(new double[] {1, 1}, null));
		assertTrue(!Rescale.decide(new double[] {0.54, 0.54}, new double[] {0.5, 0.5}).applies());
		Rescale r = Rescale.decide(new double[] {1, 1}, new double[] {0.5, 0.5});
		assertTrue(r.applies());
		assertEquals(2, r.factor(), 0);
		ImageInput in = ramp(5, 3, 1);
		ImageInput out = r.apply(in);
		assertEquals(10, out.width());
		assertArrayEquals(Bilinear.resize(in.plane(0), 5, 3, 10, 6), out.plane(0), 0);
		Rescale none = Rescale.decide(null, new double[] {0.5, 0.5});
		assertTrue(!none.applies() && none.note().contains("not calibrated"));
	}
}
