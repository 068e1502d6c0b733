package io.github.inceptioncam.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import io.github.inceptioncam.testing.Montages;
import org.junit.jupiter.api.Test;

/** Classify Image... in tiles mode on a 2x2 montage of four sample fields of four classes. */
class TileMapTest extends CommandsInContext {
	/** Classify Image... in tiles mode. */
	static ClassifierCommand classify(ImagePlus imp, Object... extra) throws Exception {
		return classifyImage(imp, concat(new Object[] {"tiles", true}, extra));
	}


	@Test
	void theTileMapOfATwoByTwoMontageRecoversEachQuadrantsClass() throws Exception {
		ImagePlus imp = Montages.twoByTwo(256, 40);
		byte[] before = ImageJCommandsTest.hash(imp);
		ClassifierCommand m = classify(imp);
		assertTrue(!m.isCanceled(), m.getCancelReason());
		// 512x512 with 256x256 windows every 128 px: 3x3 windows, the corner ones exactly on the quadrants
		ResultsTable rt = (ResultsTable) m.getOutput("table");
		assertEquals(9, rt.size());
		int[][] corners = {{0, 0}, {256, 0}, {0, 256}, {256, 256}};
		for (int q = 0; q < 4; q++) {
			int row = -1;
			for (int i = 0; i < rt.size(); i++) {
				if ((int) rt.getValue("x", i) == corners[q][0] && (int) rt.getValue("y", i) == corners[q][1]) row = i;
			}
			assertTrue(row >= 0, "a window on quadrant " + q);
			assertEquals(Montages.QUADRANTS[q].label(), rt.getStringValue("label", row), "quadrant " + q);
			assertTrue(rt.getValue("probability", row) > 0.5, "quadrant " + q + " probability " + rt.getValue("probability", row));
		}
		// the class-probability image: 3x3, one slice per class, labelled, summing to 1 per window
		ImagePlus probs = (ImagePlus) m.getOutput("tilemap");
		assertNotNull(probs);
		assertEquals(3, probs.getWidth());
		assertEquals(3, probs.getHeight());
		assertEquals(4, probs.getStackSize());
		assertEquals("mitosis", probs.getStack().getSliceLabel(2));
		for (int y = 0; y < 3; y++) {
			for (int x = 0; x < 3; x++) {
				double s = 0;
				for (int c = 1; c <= 4; c++) s += probs.getStack().getProcessor(c).getf(x, y);
				assertEquals(1, s, 1e-4);
			}
		}
		// top-left window's class is mitosis: its probability plane is largest there
		assertEquals(probs.getStack().getProcessor(2).getf(0, 0), (float) rt.getValue("probability", 0), 1e-6);
		// the blended map: full size (512x512 is under the limit), finite everywhere
		ImagePlus cam = (ImagePlus) m.getOutput("camimage");
		assertNotNull(cam);
		assertEquals(512, cam.getWidth());
		assertEquals(512, cam.getHeight());
		float[] px = (float[]) cam.getProcessor().getPixels();
		for (float v : px) assertTrue(Float.isFinite(v));
		// the overlay: one cell per window (tiling the image), a label per cell, and a legend
		int cells = 0, area = 0;
		for (Roi r : imp.getOverlay().toArray()) {
			if (!TileAnnotator.ROLE.equals(r.getProperty(CamAnnotator.ROLE))) continue;
			if (r.getName().startsWith("tile ") && !r.getName().endsWith(" label")) {
				cells++;
				area += r.getBounds().width * r.getBounds().height;
			}
		}
		assertEquals(9, cells);
		assertEquals(512 * 512, area);
		assertTrue(hasRoiNamed(imp, "tiles legend mitosis"));
		assertTrue(hasRoiNamed(imp, "tiles legend interphase"));
		assertArrayEquals(before, ImageJCommandsTest.hash(imp), "pixels unchanged");
		// a re-run replaces the tile overlay instead of stacking it
		int n = imp.getOverlay().size();
		classify(imp);
		assertEquals(n, imp.getOverlay().size());
	}

	@Test
	void aStrideOfAWholeTileGivesTheFourQuadrantsExactly() throws Exception {
		ImagePlus imp = Montages.twoByTwo(256, 40);
		ClassifierCommand m = classify(imp, "stride", 256);
		ResultsTable rt = (ResultsTable) m.getOutput("table");
		assertEquals(4, rt.size());
		for (int q = 0; q < 4; q++) assertEquals(Montages.QUADRANTS[q].label(), rt.getStringValue("label", q), "quadrant " + q);
	}

	@Test
	void anImageSmallerThanATileIsRefusedWithTheReason() throws Exception {
		ImagePlus imp = new ImagePlus("small", new ij.process.ByteProcessor(200, 300));
		ClassifierCommand m = classify(imp);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("smaller than one tile"), m.getCancelReason());
		assertTrue(m.getCancelReason().contains("without tiles"), m.getCancelReason());
	}

	@Test
	void cancellingBetweenBatchesKeepsTheWindowsDone() throws Exception {
		ImagePlus imp = Montages.twoByTwo(256, 40);
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.device = "cpu";
		s.tiles = true;
		s.showTable = false;
		java.util.List<String> statuses = new java.util.ArrayList<>();
		// cancelled as soon as the first batch (8 of the 9 windows) is reported
		ImageClassifier.Outcome out = new ImageClassifier(s, statuses::add, null, () -> statuses.stream().anyMatch(x -> x.contains("windows"))).run(imp);
		assertTrue(statuses.contains("Inception CAM: montage windows 8/9"), statuses.toString());
		assertTrue(out.tiles.canceled());
		assertEquals(8, out.tiles.assembly().windows());
		assertEquals(-1, out.tiles.assembly().top(8));
		assertEquals(8, out.table.size());
		assertEquals("mitosis", out.table.getStringValue("label", 0));
		assertTrue(Float.isNaN(out.tileImage.getStack().getProcessor(1).getf(2, 2)));
		assertNotNull(out.camImage, "the windows done are blended");
	}

	static boolean hasRoiNamed(ImagePlus imp, String name) {
		for (Roi r : imp.getOverlay().toArray()) if (name.equals(r.getName())) return true;
		return false;
	}
}
