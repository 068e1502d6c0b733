package io.github.inceptioncam.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Window placement, cells and the blended map of a sliding-window run. */
class TileGridTest {
	@Test
	void windowsEveryStrideAndTheLastFlushWithTheEdge() {
		TileGrid g = TileGrid.of(1000, 600, 256, 256, 0);
		assertEquals(128, g.strideX());
		// x: 0,128,...,640, then 744 flush with 1000; y: 0,128,256, then 344
		assertEquals(7, g.cols());
		assertEquals(4, g.rows());
		assertEquals(640, g.x(5));
		assertEquals(1000 - 256, g.x(6));
		assertEquals(600 - 256, g.y(3));
		assertArrayEquals(new int[] {1000 - 256, 600 - 256, 256, 256}, g.window(g.count() - 1));
		assertArrayEquals(new int[] {128, 0, 256, 256}, g.window(1));
		assertArrayEquals(new int[] {0, 128, 256, 256}, g.window(g.cols()));
		// exact fit: no extra window
		TileGrid e = TileGrid.of(512, 512, 256, 256, 128);
		assertEquals(3, e.cols());
		assertEquals(256, e.x(2));
		TileGrid one = TileGrid.of(256, 300, 256, 256, 100);
		assertEquals(1, one.cols());
		assertEquals(2, one.rows());
		assertEquals(44, one.y(1));
	}

	@Test
	void everyPixelIsCoveredAndTheCellsTileTheImage() {
		TileGrid g = TileGrid.of(1003, 517, 200, 150, 77);
		int[] cover = new int[1003 * 517], cells = new int[cover.length];
		for (int i = 0; i < g.count(); i++) {
			int[] w = g.window(i), c = g.cell(i);
			assertTrue(w[0] + w[2] <= 1003 && w[1] + w[3] <= 517, "window inside");
			for (int y = w[1]; y < w[1] + w[3]; y++) for (int x = w[0]; x < w[0] + w[2]; x++) cover[y * 1003 + x]++;
			for (int y = c[1]; y < c[1] + c[3]; y++) for (int x = c[0]; x < c[0] + c[2]; x++) cells[y * 1003 + x]++;
			// a cell lies inside its window
			assertTrue(c[0] >= w[0] && c[0] + c[2] <= w[0] + w[2] && c[1] >= w[1] && c[1] + c[3] <= w[1] + w[3], "cell in window " + i);
		}
		for (int i = 0; i < cover.length; i++) {
			assertTrue(cover[i] >= 1, "pixel " + i + " covered");
			assertEquals(1, cells[i], "pixel " + i + " in one cell");
		}
		int[] cx = g.coverX(1, 1003);
		for (int x = 0; x < 1003; x++) assertEquals(cover[x], cx[x] * g.coverY(1, 517)[0]);
	}

	@Test
	void badStridesAndSmallImagesAreRefusedWithTheReason() {
		IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> TileGrid.of(255, 400, 256, 256, 0));
		assertTrue(small.getMessage().contains("255x400") && small.getMessage().contains("without tiles"), small.getMessage());
		IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> TileGrid.of(1000, 1000, 256, 256, 300));
		assertTrue(gap.getMessage().contains("stride"), gap.getMessage());
		assertThrows(IllegalArgumentException.class, () -> TileGrid.of(1000, 1000, 256, 256, -1));
	}

	@Test
	void oneWindowsMapIsTheSingleImageUpsampling() {
		TileGrid g = TileGrid.of(64, 48, 64, 48, 0);
		TileAssembly a = new TileAssembly(g, 2);
		assertNull(a.blendedMap());
		double[] raw = new double[8 * 6];
		for (int i = 0; i < raw.length; i++) raw[i] = Math.sin(i * 0.7) * 3 + (i % 8) - (i / 8) * 2;
		a.addMap(0, raw, 8, 6);
		float[] m = a.blendedMap();
		double[] ref = Bilinear.resize(raw, 8, 6, 64, 48);
		for (int i = 0; i < ref.length; i++) assertEquals(ref[i], m[i], 1e-5, "pixel " + i);
	}

	@Test
	void overlappingWindowsAverageAndOrientationIsKept() {
		// 3 windows along x (0, 50, 100 of width 100 over 200), one row; constant maps 1, 2 and 4
		TileGrid g = TileGrid.of(200, 100, 100, 100, 50);
		assertEquals(3, g.cols());
		TileAssembly a = new TileAssembly(g, 2);
		double[] v = {1, 2, 4};
		for (int i = 0; i < 3; i++) a.addMap(i, new double[] {v[i], v[i], v[i], v[i]}, 2, 2);
		float[] m = a.blendedMap();
		assertEquals(1, m[10], 1e-6); // only window 0
		assertEquals(1.5, m[70], 1e-6); // windows 0 and 1
		assertEquals(3, m[120], 1e-6); // windows 1 and 2
		assertEquals(4, m[190], 1e-6); // only window 2
		assertEquals(4, m[99 * 200 + 199], 1e-6);
		// probabilities and top-1 per window, rows are y
		a.addProbabilities(2, new double[] {0.3, 0.7});
		assertEquals(1, a.top(2));
		assertEquals(0.7, a.topProbability(2), 1e-6);
		assertEquals(-1, a.top(0));
		assertTrue(Double.isNaN(a.topProbability(0)));
		assertEquals(1, a.windows());
		assertEquals(0.3, a.meanProbabilities()[0], 1e-6);
	}

	@Test
	void aHugeImagesMapIsKeptAtAReducedResolution() {
		assertEquals(5, TileAssembly.mapScale(20000, 20000, TileAssembly.MAX_MAP_PIXELS));
		assertEquals(1, TileAssembly.mapScale(4096, 4096, TileAssembly.MAX_MAP_PIXELS));
		assertEquals(2, TileAssembly.mapScale(4097, 4096, TileAssembly.MAX_MAP_PIXELS));
		// at scale 2, a map that rises along x stays rising, sampled at the map pixels' centres
		TileGrid g = TileGrid.of(40, 20, 20, 20, 20);
		TileAssembly a = new TileAssembly(g, 1, 200);
		assertEquals(2, a.mapScale());
		assertEquals(20, a.mapWidth());
		assertEquals(10, a.mapHeight());
		double[] ramp = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
		a.addMap(0, ramp, 4, 4);
		a.addMap(1, ramp, 4, 4);
		float[] m = a.blendedMap();
		// map pixel 2 is image pixels 4-5 (centre 4.5): feature x = (4.5 + 0.5) * 4 / 20 - 0.5 = 0.5
		assertEquals(0.5, m[2], 1e-6);
		assertEquals(0.5, m[12], 1e-6); // the same place in the second window
		assertTrue(m[9] > m[8] && m[8] > m[5]);
	}
}
