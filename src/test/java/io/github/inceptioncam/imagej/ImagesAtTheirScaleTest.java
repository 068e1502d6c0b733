package io.github.inceptioncam.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageRoi;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.demo.DemoClass;
import io.github.inceptioncam.demo.Field;
import io.github.inceptioncam.demo.FieldGenerator;
import io.github.inceptioncam.inference.Classification;
import java.awt.Rectangle;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, points 1-3 on real ImageJ 1.x objects, headless, with the built-in 256x256 model: channels of a
 * hyperstack, an image at twice the model's pixel size, an oval selection at its own scale, the ROI Manager.
 */
public class ImagesAtTheirScaleTest {
	public static ImagePlus sample(String name) {
		return IJ.openImage(Paths.get("sample-images", name).toString());
	}

	static ImageClassifier.Settings settings() {
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.device = "cpu";
		s.showTable = false;
		s.roi = true;
		s.top = 4;
		return s;
	}

	static ImageClassifier.Outcome run(ImageClassifier.Settings s, ImagePlus imp, List<String> log) throws Exception {
		return new ImageClassifier(s, null, log::add, null).run(imp);
	}

	static List<Roi> overlayOf(ImagePlus imp, Class<?> type) {
		List<Roi> out = new ArrayList<>();
		for (Roi r : imp.getOverlay().toArray()) if (type.isInstance(r) && (type != Roi.class || !(r instanceof ImageRoi))) out.add(r);
		return out;
	}

	static void assertSameProbabilities(Classification expected, Classification actual) {
		double[] e = expected.probabilities(), a = actual.probabilities();
		assertEquals(e.length, a.length);
		for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], 1e-5, "class " + i + ": " + java.util.Arrays.toString(e) + " vs " + java.util.Arrays.toString(a));
	}

	/** The whole of {@code imp} classified as it is (no selection, no calibration). */
	static Classification plain(ImagePlus imp) throws Exception {
		ImagePlus copy = new ImagePlus("plain", imp.getProcessor().duplicate());
		ImageClassifier.Settings s = settings();
		s.roi = false;
		return run(s, copy, new ArrayList<>()).results.get(0);
	}

	/** {@code content} placed in the middle of a {@code size x size} image of {@code fill}. */
	static ImagePlus padded(ImageProcessor content, int size, float fill) {
		FloatProcessor fp = new FloatProcessor(size, size);
		fp.setValue(fill);
		fp.fill();
		fp.insert(content.convertToFloat(), (size - content.getWidth()) / 2, (size - content.getHeight()) / 2);
		return new ImagePlus("padded", fp);
	}

	@Test
	void twoChannelHyperstackUsesTheCurrentChannelAndDrawsOnItOnly() throws Exception {
		ImagePlus field = sample("field_00001.tif"); // apoptosis
		ImageProcessor dark = new ShortProcessor(field.getWidth(), field.getHeight());
		dark.add(120);
		ImageStack st = new ImageStack(field.getWidth(), field.getHeight());
		st.addSlice("other", dark);
		st.addSlice("nuclei", field.getProcessor().duplicate());
		ImagePlus hs = new ImagePlus("two channels", st);
		hs.setDimensions(2, 1, 1);
		hs.setOpenAsHyperStack(true);
		hs.setPosition(2, 1, 1);
		Classification alone = plain(field);

		List<String> log = new ArrayList<>();
		ImageClassifier.Outcome out = run(settings(), hs, log);
		Classification c = out.results.get(0);
		assertSameProbabilities(alone, c);
		assertEquals("apoptosis", c.top().get(0).label());
		List<Roi> all = new ArrayList<>(List.of(hs.getOverlay().toArray()));
		assertFalse(all.isEmpty());
		for (Roi r : all) assertEquals(2, r.getCPosition(), "every overlay element on channel 2: " + r.getName());
		assertTrue(log.stream().anyMatch(l -> l.contains("the image has 2 channels; the model uses channel 2")), log.toString());
		assertEquals("2", out.table.getStringValue("channels", 0));

		// an explicit list wins over the current channel; all_channels puts the elements on every channel
		hs.setOverlay(null);
		hs.setPosition(1, 1, 1);
		ImageClassifier.Settings s = settings();
		s.channels = "2";
		s.allChannels = true;
		Classification explicit = run(s, hs, new ArrayList<>()).results.get(0);
		assertSameProbabilities(alone, explicit);
		for (Roi r : hs.getOverlay().toArray()) assertEquals(0, r.getCPosition(), "on every channel: " + r.getName());

		// the current channel is what auto takes: channel 1 (flat) gives another answer
		hs.setOverlay(null);
		Classification first = run(settings(), hs, new ArrayList<>()).results.get(0);
		assertTrue(Math.abs(first.probabilities()[2] - alone.probabilities()[2]) > 1e-3, "channel 1 is not channel 2");
		for (Roi r : hs.getOverlay().toArray()) assertEquals(1, r.getCPosition());
	}

	@Test
	void badChannelListsAreOneLineFailures() throws Exception {
		ImagePlus field = sample("field_00001.tif");
		for (String[] bad : new String[][] {{"2", "no channel 2"}, {"1,1", "takes 1"}, {"x", "counted from 1"}}) {
			ImageClassifier.Settings s = settings();
			s.channels = bad[0];
			ImageClassifier.Failure f = org.junit.jupiter.api.Assertions.assertThrows(ImageClassifier.Failure.class, () -> run(s, field, new ArrayList<>()));
			assertTrue(f.getMessage().contains(bad[1]) && !f.getMessage().contains("\n"), f.getMessage());
		}
	}

	/** The built-in model beside a sidecar that adds {@code "pixel_size": 0.5} (micrometres). */
	public static Path modelAtHalfMicron(Path dir) throws Exception {
		Path onnx = dir.resolve("demo.onnx");
		try (InputStream in = ImagesAtTheirScaleTest.class.getResourceAsStream("/io/github/inceptioncam/models/inception-cam-demo.onnx")) {
			Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
		}
		String json;
		try (InputStream in = ImagesAtTheirScaleTest.class.getResourceAsStream("/io/github/inceptioncam/models/inception-cam-demo.json")) {
			json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		json = json.trim();
		json = json.substring(0, json.length() - 1) + ", \"pixel_size\": 0.5, \"pixel_unit\": \"um\"}";
		Files.writeString(dir.resolve("demo.json"), json);
		return onnx;
	}

	/** A 200x200 mitosis field at 0.5 um/pixel, halved by 2x2 block means: 100x100 at 1 um/pixel. */
	public static ImagePlus halvedField(Field f) {
		short[] px = f.pixels();
		int n = f.width(), h = n / 2;
		float[] out = new float[h * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < h; x++) {
				int i = 2 * y * n + 2 * x;
				out[y * h + x] = ((px[i] & 0xffff) + (px[i + 1] & 0xffff) + (px[i + n] & 0xffff) + (px[i + n + 1] & 0xffff)) / 4f;
			}
		}
		ImagePlus imp = new ImagePlus("halved", new FloatProcessor(h, h, out).convertToShortProcessor(false));
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 1.0;
		cal.setUnit("\u00B5m");
		return imp;
	}

	@Test
	void anImageAtTwiceTheModelsPixelSizeIsRescaledReportedAndBoxedInItsOwnPixels(@TempDir Path dir) throws Exception {
		Path model = modelAtHalfMicron(dir);
		Field f = new FieldGenerator(200).generate(11, DemoClass.MITOSIS);
		ImagePlus imp = halvedField(f);
		ImageClassifier.Settings s = settings();
		s.model = model.toString();
		s.padding = "constant";
		s.padValue = 0;
		List<String> log = new ArrayList<>();
		ImageClassifier.Outcome out = run(s, imp, log);
		Classification c = out.results.get(0);
		assertTrue(log.stream().anyMatch(l -> l.contains("rescaled by 2 to the model's pixel size")), log.toString());
		ResultsTable rt = out.table;
		assertEquals(2.0, rt.getValue("rescale", 0), 1e-9);
		assertEquals(1.0, rt.getValue("image_pixel_size", 0), 1e-9);
		assertEquals(0.5, rt.getValue("model_pixel_size", 0), 1e-9);

		// the same as the image enlarged twice (the same resampling) in the middle of a constant 256x256 input
		float[] px = (float[]) imp.getProcessor().convertToFloat().getPixels();
		ImagePlus expected = padded(new FloatProcessor(200, 200, Bilinear.resize(px, 100, 100, 200, 200)), 256, 0);
		ImageClassifier.Settings e = settings();
		e.model = model.toString();
		assertSameProbabilities(run(e, expected, new ArrayList<>()).results.get(0), c);

		// the map and box are in the 100x100 image's pixels, on the mitotic figure (half its box in the 200x200 field)
		assertEquals(100, c.cam().imageWidth());
		assertEquals(new Rectangle(0, 0, 100, 100), overlayOf(imp, ImageRoi.class).get(0).getBounds());
		int[] b = c.cam().box();
		assertNotNull(b);
		int[] fb = f.box();
		Rectangle figure = new Rectangle(fb[0] / 2 - 6, fb[1] / 2 - 6, (fb[2] + 1) / 2 + 12, (fb[3] + 1) / 2 + 12);
		assertTrue(figure.contains(b[0] + b[2] / 2.0, b[1] + b[3] / 2.0), "box " + java.util.Arrays.toString(b) + " centred on the figure " + figure);
		assertTrue(new Rectangle(0, 0, 100, 100).contains(new Rectangle(b[0], b[1], b[2], b[3])));

		// uncalibrated: taken as it is, with a note, factor 1
		imp.setCalibration(new Calibration());
		imp.setOverlay(null);
		log.clear();
		ImageClassifier.Outcome plain = run(s, imp, log);
		assertTrue(log.stream().anyMatch(l -> l.contains("not calibrated")), log.toString());
		assertEquals(1.0, plain.table.getValue("rescale", 0), 1e-9);
		assertTrue(Double.isNaN(plain.table.getValue("image_pixel_size", 0)));
	}

	@Test
	void anOvalSelectionIsClassifiedAtItsOwnScalePaddedNotStretched() throws Exception {
		ImagePlus imp = sample("field_00001.tif"); // apoptosis at about (120, 110)
		Rectangle r = new Rectangle(80, 70, 84, 80);
		imp.setRoi(new OvalRoi(r.x, r.y, r.width, r.height));
		ImageClassifier.Settings s = settings();
		s.padding = "constant";
		s.padValue = 0;
		List<String> log = new ArrayList<>();
		Classification c = run(s, imp, log).results.get(0);

		ImageProcessor crop = imp.getProcessor().duplicate();
		crop.setRoi(r);
		crop = crop.crop();
		assertSameProbabilities(plain(padded(crop, 256, 0)), c);
		assertTrue(log.stream().anyMatch(l -> l.contains("much smaller than the model input 256x256")), log.toString());
		int[] b = c.cam().box();
		assertTrue(new Rectangle(0, 0, r.width, r.height).contains(new Rectangle(b[0], b[1], b[2], b[3])), "box within the selection");
		assertEquals(r, overlayOf(imp, ImageRoi.class).get(0).getBounds());

		// masked: outside the oval is the constant too
		imp.setOverlay(null);
		s.mask = true;
		Classification masked = run(s, imp, new ArrayList<>()).results.get(0);
		ImageProcessor m = crop.convertToFloat();
		ImageProcessor mask = new OvalRoi(0, 0, r.width, r.height).getMask();
		for (int y = 0; y < r.height; y++) for (int x = 0; x < r.width; x++) if (mask.get(x, y) == 0) m.setf(x, y, 0);
		assertSameProbabilities(plain(padded(m, 256, 0)), masked);

		// reflect padding mirrors the crop (numpy's reflect): compare with the mirrored crop built here
		imp.setOverlay(null);
		s.mask = false;
		s.padding = "reflect";
		Classification reflected = run(s, imp, new ArrayList<>()).results.get(0);
		FloatProcessor mirrored = new FloatProcessor(256, 256);
		ImageProcessor cf = crop.convertToFloat();
		int ox = (256 - r.width) / 2, oy = (256 - r.height) / 2;
		for (int y = 0; y < 256; y++) {
			for (int x = 0; x < 256; x++) mirrored.setf(x, y, cf.getf(mirror(x - ox, r.width), mirror(y - oy, r.height)));
		}
		assertSameProbabilities(plain(new ImagePlus("mirrored", mirrored)), reflected);
	}

	private static int mirror(int i, int n) {
		while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
		return i;
	}

	@Test
	void everyRoiOfTheRoiManagerGetsItsRowNameAndOverlay() throws Exception {
		ImagePlus imp = sample("field_00001.tif");
		// a hidden RoiManager is an AWT frame, refused on a headless JVM: the manager's list of named ROIs instead
		List<Roi> manager = new ArrayList<>();
		String[] names = {"left cell", "apoptotic", "corner"};
		Roi[] rois = {new Roi(0, 0, 100, 256), new OvalRoi(70, 60, 110, 110), new Roi(150, 150, 106, 106)};
		for (int i = 0; i < rois.length; i++) {
			rois[i].setName(names[i]);
			manager.add(rois[i]);
		}
		ImageClassifier.Settings s = settings();
		s.top = 1;
		s.rois = true;
		s.roiList = manager;
		ImageClassifier.Outcome out = run(s, imp, new ArrayList<>());
		assertEquals(3, out.table.size());
		for (int i = 0; i < 3; i++) {
			assertEquals(names[i], out.table.getStringValue("roi", i));
			Rectangle bounds = rois[i].getBounds();
			Classification c = out.results.get(i);
			assertEquals(bounds.width, c.width());
			int[] b = c.cam().box();
			double bx = out.table.getValue("box_x", i), by = out.table.getValue("box_y", i);
			assertEquals(bounds.x + b[0], bx, 0);
			assertEquals(bounds.y + b[1], by, 0);
		}
		assertEquals("apoptosis", out.table.getStringValue("label", 1));
		List<Roi> maps = overlayOf(imp, ImageRoi.class);
		assertEquals(3, maps.size());
		for (int i = 0; i < 3; i++) {
			assertEquals(rois[i].getBounds(), maps.get(i).getBounds());
			assertEquals(names[i], maps.get(i).getProperty(RoiManagerRuns.ROI));
		}
		// a re-run replaces them
		run(s, imp, new ArrayList<>());
		assertEquals(3, overlayOf(imp, ImageRoi.class).size());
		// an empty manager is a one-line failure
		manager.clear();
		ImageClassifier.Failure f = org.junit.jupiter.api.Assertions.assertThrows(ImageClassifier.Failure.class, () -> run(s, imp, new ArrayList<>()));
		assertTrue(f.getMessage().startsWith("rois: the ROI Manager is empty"), f.getMessage());
		assertArrayEquals(new int[] {256, 256}, new int[] {imp.getWidth(), imp.getHeight()});
	}
}
