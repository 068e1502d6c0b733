package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import io.github.inceptioncam.testing.Montages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify --tiles}: the JSON tiles object, the tile TIFFs, and the refusals. */
class TilesCliTest {
	@TempDir
	Path tmp;

	static int run(StringWriter out, StringWriter err, String... args) {
		return Main.run(args, new PrintWriter(out), new PrintWriter(err));
	}

	@Test
	void aMontagesTileMapRecoversEachQuadrantInTheJsonAndTheTiff() throws Exception {
		ImagePlus m = Montages.twoByTwo(256, 40);
		Path tif = tmp.resolve("montage.tif");
		assertTrue(new FileSaver(m).saveAsTiff(tif.toString()));
		Path outDir = tmp.resolve("out");
		StringWriter out = new StringWriter(), err = new StringWriter();
		int code = run(out, err, "classify", "--device", "cpu", "--json", "--tiles", "--out", outDir.toString(), tif.toString());
		assertEquals(0, code, err.toString());
		JsonObject o = JsonParser.parseString(out.toString().trim()).getAsJsonObject();
		JsonObject t = o.getAsJsonObject("tiles");
		assertEquals("[256,256]", t.get("size").toString());
		assertEquals("[128,128]", t.get("stride").toString());
		assertEquals("[3,3]", t.get("grid").toString());
		JsonArray classes = t.getAsJsonArray("classes"), probability = t.getAsJsonArray("probability");
		assertEquals(3, classes.size()); // rows
		assertEquals(3, classes.get(0).getAsJsonArray().size()); // cols
		String[] labels = {"interphase", "mitosis", "apoptosis", "binucleated"};
		int[][] corners = {{0, 0}, {2, 0}, {0, 2}, {2, 2}}; // {col, row} of the windows exactly on the quadrants
		for (int q = 0; q < 4; q++) {
			int k = classes.get(corners[q][1]).getAsJsonArray().get(corners[q][0]).getAsInt();
			assertEquals(Montages.QUADRANTS[q].label(), labels[k], "quadrant " + q + ": " + t);
			assertTrue(probability.get(corners[q][1]).getAsJsonArray().get(corners[q][0]).getAsDouble() > 0.5);
		}
		assertTrue(o.get("cam").isJsonNull());
		assertEquals(4, o.getAsJsonArray("top").size());
		// the files: JSON, the class image (class, probability, one slice per class), the blended map
		assertTrue(Files.exists(outDir.resolve("montage.json")));
		ImagePlus classesTif = IJ.openImage(outDir.resolve("montage_tiles.tif").toString());
		assertEquals(3, classesTif.getWidth());
		assertEquals(6, classesTif.getStackSize());
		assertEquals("class", classesTif.getStack().getSliceLabel(1));
		assertEquals("binucleated", classesTif.getStack().getSliceLabel(6));
		for (int q = 0; q < 4; q++) {
			int k = (int) classesTif.getStack().getProcessor(1).getf(corners[q][0], corners[q][1]);
			assertEquals(Montages.QUADRANTS[q].label(), labels[k]);
		}
		ImagePlus cam = IJ.openImage(outDir.resolve("montage_cam.tif").toString());
		assertEquals(512, cam.getWidth());
		assertTrue(Files.readAllLines(outDir.resolve("results.csv")).size() > 1, "the summary rows in results.csv");
	}

	@Test
	void theTableShowsTheGridOfClasses() throws Exception {
		Path tif = tmp.resolve("montage.tif");
		assertTrue(new FileSaver(Montages.twoByTwo(256, 40)).saveAsTiff(tif.toString()));
		StringWriter out = new StringWriter(), err = new StringWriter();
		assertEquals(0, run(out, err, "classify", "--device", "cpu", "--tiles", "--stride", "256", tif.toString()), err.toString());
		String s = out.toString();
		assertTrue(s.contains("4 windows of 256x256, stride 256,256"), s);
		String[] lines = s.split("\n");
		int i = 0;
		while (!lines[i].contains("top-1 class per window")) i++;
		assertEquals("mitosis      apoptosis", lines[i + 1].trim().replaceAll("\\s+$", ""));
		assertTrue(lines[i + 2].trim().startsWith("binucleated  interphase"), lines[i + 2]);
	}

	@Test
	void smallImagesAndBadStridesGetOneLineErrors() throws Exception {
		Path small = tmp.resolve("small.tif");
		assertTrue(new FileSaver(new ImagePlus("s", new ij.process.ByteProcessor(100, 300))).saveAsTiff(small.toString()));
		Path big = tmp.resolve("montage.tif");
		assertTrue(new FileSaver(Montages.twoByTwo(256, 40)).saveAsTiff(big.toString()));
		StringWriter out = new StringWriter(), err = new StringWriter();
		int code = run(out, err, "classify", "--device", "cpu", "--json", "--tiles", "--stride", "256", small.toString(), big.toString());
		assertEquals(1, code, err.toString());
		assertTrue(err.toString().contains("small.tif: the image (100x300) is smaller than one tile"), err.toString());
		assertEquals(1, out.toString().trim().split("\n").length, "the other image is done: " + out);
		assertFalse(err.toString().contains("\tat "), err.toString());
		StringWriter out2 = new StringWriter(), err2 = new StringWriter();
		assertEquals(2, run(out2, err2, "classify", "--device", "cpu", "--stride", "64", big.toString()));
		assertTrue(err2.toString().contains("--stride needs --tiles"), err2.toString());
		StringWriter out3 = new StringWriter(), err3 = new StringWriter();
		assertEquals(2, run(out3, err3, "classify", "--device", "cpu", "--tiles", "--stride", "300", big.toString()));
		assertTrue(err3.toString().contains("--stride 300 is larger than the tile (the model input, 256x256)"), err3.toString());
	}
}
