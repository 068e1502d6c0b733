package io.github.inceptioncam.imagej.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageRoi;
import ij.io.FileSaver;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain ImageJ 1.x on a real (virtual) display: the menu command with a screenshot, and the example
 * macros of plugins/ run in batch mode, their outputs read back.
 */
class RealImageJTest {
	static Xvfb x;

	@TempDir
	Path dir;

	@BeforeAll
	static void display() throws Exception {
		x = Xvfb.start();
	}

	@AfterAll
	static void stop() {
		if (x != null) x.close();
	}

	static String sample(String n) {
		return Paths.get("sample-images", n).toAbsolutePath().toString();
	}

	@Test
	void menuCommandDrawsTheCamOverTheImageOnScreen() throws Exception {
		File shot = new File(Xvfb.screenshots(), "classify-image.png");
		Xvfb.Run r = x.java(GuiScenario.class.getName(), 120, sample("field_00003.tif"), shot.getPath());
		assertEquals(0, r.code, r.output);
		assertEquals("2", Xvfb.value(r.output, "OVERLAY"), r.output);
		// the image is grey: saturated red/orange/yellow pixels come from the Fire CAM overlay
		int coloured = countInCanvas(r, shot, (rr, g, b) -> rr - b > 60 && rr >= g);
		assertTrue(coloured > 100, coloured + " overlay-coloured pixels in the image area");
	}

	@Test
	void tilesModeDrawsTheClassMapWithItsLegendOverAMontageOnScreen() throws Exception {
		Path montage = dir.resolve("montage.tif");
		assertTrue(new FileSaver(io.github.inceptioncam.testing.Montages.twoByTwo(256, 40)).saveAsTiff(montage.toString()));
		File shot = new File(Xvfb.screenshots(), "tile-map.png");
		Xvfb.Run r = x.java(TileScenario.class.getName(), 180, montage.toString(), shot.getPath());
		assertEquals(0, r.code, r.output);
		assertEquals("9", Xvfb.value(r.output, "CELLS"), r.output);
		assertEquals("3", Xvfb.value(r.output, "IMAGES"), r.output); // the montage, the tile CAM, the class probabilities
		// the montage is grey: coloured pixels come from the class cells; each quadrant's corner shows its class's colour
		int coloured = countInCanvas(r, shot, (rr, g, b) -> Math.max(rr, Math.max(g, b)) - Math.min(rr, Math.min(g, b)) > 25);
		String[] c = Xvfb.value(r.output, "CANVAS").split(" ");
		int area = Integer.parseInt(c[2]) * Integer.parseInt(c[3]);
		assertTrue(coloured > area / 2, coloured + " coloured pixels of " + area);
	}

	@Test
	void dialogsStartFromTheLastValuesAndMacrosNeverSeeThem() throws Exception {
		Path model = io.github.inceptioncam.testing.TestModels.build(io.github.inceptioncam.testing.TestModels.Head.GEMM_TORCH, 1).write(dir.resolve("m.onnx"));
		Files.write(dir.resolve("labels.txt"), "cat\ndog\nfox\nowl\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		Xvfb.Run r = x.java(SettingsScenario.class.getName(), 300, sample("field_00001.tif"), model.toString()); // apoptosis
		assertEquals(0, r.code, r.output);
		// plain ImageJ 1.x: the first dialog shows the defaults, the class chooser the built-in model's labels
		assertEquals("top=5 roi=false opacity=0.50 colormap=Fire class=top-1 device=auto", Xvfb.value(r.output, "FIRST"), r.output);
		assertEquals("top-1,top-3,all,interphase,mitosis,apoptosis,binucleated", Xvfb.value(r.output, "CLASSES"), r.output);
		// (the mitosis map of this apoptotic field has nothing above the box threshold: no box although roi is ticked)
		assertEquals("overlay=1 overlay_opacity=0.30 cam=CAM_mitosis", Xvfb.value(r.output, "FIRST_RUN"), r.output);
		// the next dialog starts from what was chosen
		assertEquals("top=2 roi=true opacity=0.30 colormap=Ice class=mitosis device=cpu", Xvfb.value(r.output, "SECOND"), r.output);
		// typing another model into the field refills the chooser with its labels (mitosis is not one: top-1)
		assertEquals("top-1,top-3,all,cat,dog,fox,owl selected=top-1", Xvfb.value(r.output, "REFILLED"), r.output);
		// a macro leaving the keys out gets the defaults: no box, opacity 0.5, the top-1 class
		assertEquals("overlay=1 overlay_opacity=0.50 cam=CAM_apoptosis", Xvfb.value(r.output, "MACRO"), r.output);
		// the SciJava command (Fiji's face): the same rules
		assertEquals("false", Xvfb.value(r.output, "UI_HEADLESS"), r.output);
		assertEquals("top=2 roi=true opacity=0.3 colormap=Ice class=mitosis canceled=false overlay=1 overlay_opacity=0.30 cam=CAM_mitosis",
			Xvfb.value(r.output, "SCIJAVA_DIALOG"), r.output);
		assertEquals("top=2 roi=true opacity=0.3 colormap=Ice class=mitosis canceled=false overlay=1 overlay_opacity=0.30 cam=CAM_mitosis",
			Xvfb.value(r.output, "SCIJAVA_NEXT"), r.output);
		assertEquals("top=5 roi=false opacity=0.5 colormap=Fire class=top-1 canceled=false overlay=1 overlay_opacity=0.50 cam=CAM_apoptosis",
			Xvfb.value(r.output, "SCIJAVA_MACRO"), r.output);
	}

	/**
	 * The dialog of every command, captured for the README. Writes into target/screenshots, or into the folder named
	 * by the system property {@code inceptioncam.screenshots}: {@code mvn -B -q test -Dtest=RealImageJTest#dialogScreenshots
	 * -Dinceptioncam.screenshots=docs/images} refreshes docs/images.
	 */
	@Test
	void dialogScreenshots() throws Exception {
		String dest = System.getProperty("inceptioncam.screenshots");
		File out = dest == null || dest.isBlank() ? Xvfb.screenshots() : new File(dest);
		Xvfb.Run r = x.java(DialogScreenshotScenario.class.getName(), 300, sample("field_00003.tif"), out.getAbsolutePath());
		assertEquals(0, r.code, r.output);
		List<String> shots = r.output.lines().filter(l -> l.startsWith("SHOT ")).collect(java.util.stream.Collectors.toList());
		assertEquals(6, shots.size(), r.output);
		for (String[] d : DialogScreenshotScenario.DIALOGS) {
			String line = shots.stream().filter(l -> l.startsWith("SHOT " + d[1] + ".png ")).findFirst().orElse("");
			assertTrue(line.endsWith(" OK,Cancel,Help"), "every dialog has a Help button: " + line);
			BufferedImage img = ImageIO.read(new File(out, d[1] + ".png"));
			assertTrue(img.getWidth() > 200 && img.getHeight() > 100, d[1] + " " + img.getWidth() + "x" + img.getHeight());
			int dark = 0, light = 0;
			for (int y = 0; y < img.getHeight(); y++) {
				for (int x0 = 0; x0 < img.getWidth(); x0++) {
					int p = img.getRGB(x0, y), lum = (((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255)) / 3;
					if (lum < 100) dark++;
					else if (lum > 180) light++;
				}
			}
			// labels and fields: dark text on a light dialog, not a blank capture
			assertTrue(dark > 300 && light > 300, d[1] + ": " + dark + " dark and " + light + " light pixels");
		}
		assertTrue(new File(out, "dialog-check-gpu.png").length() > 0 && new File(out, "sample-field.png").length() > 0);
		assertEquals("4", Xvfb.value(r.output, "SAMPLE_SLICES"), r.output);
	}

	@Test
	void everyOfferedLutLeavesZeroMapPixelsUnchangedOnScreenAndReRunsReplaceTheOverlay() throws Exception {
		Xvfb.Run r = x.java(LutScenario.class.getName(), 240, sample("field_00003.tif"));
		assertEquals(0, r.code, r.output);
		List<String> lines = r.output.lines().filter(l -> l.startsWith("LUT ")).collect(java.util.stream.Collectors.toList());
		assertEquals(io.github.inceptioncam.imagej.CamAnnotator.COLORMAPS.length, lines.size(), r.output);
		for (String l : lines) {
			String[] f = l.split(" (?=ZERO |ZERO_CHANGED |SHOWN |OVERLAY )");
			int zero = Integer.parseInt(f[1].split(" ")[1]), zeroChanged = Integer.parseInt(f[2].split(" ")[1]);
			int shown = Integer.parseInt(f[3].split(" ")[1]), overlay = Integer.parseInt(f[4].split(" ")[1]);
			assertTrue(zero > 1000, l);
			assertEquals(0, zeroChanged, "a zero-map pixel changed on screen: " + l);
			assertTrue(shown > 100, "the CAM is visible: " + l);
			assertEquals(1, overlay, "a re-run replaces the class's overlay: " + l);
		}
	}

	@Test
	void twoClassifyRunsAtOnceOnTwoImagesFillTheSharedTableInWholeBlocks() throws Exception {
		int rounds = 6;
		Xvfb.Run r = x.java(ConcurrentScenario.class.getName(), 300, sample("field_00001.tif"), sample("field_00003.tif"), String.valueOf(rounds));
		assertEquals(0, r.code, r.output);
		assertEquals("0", Xvfb.value(r.output, "MISMATCHES"), r.output);
		assertEquals(String.valueOf(2 * rounds * ConcurrentScenario.TOP), Xvfb.value(r.output, "ROWS"), r.output);
		assertEquals("1", Xvfb.value(r.output, "TABLE_WINDOWS"), "one shared table window: " + r.output);
		// a re-run replaces the image's CAM overlay and box instead of stacking them; never the other image's
		assertEquals("2", Xvfb.value(r.output, "OVERLAY_field_00001.tif"), r.output);
		assertEquals("2", Xvfb.value(r.output, "OVERLAY_field_00003.tif"), r.output);
	}

	@Test
	void recordedMacrosReplayEveryCombinationOfTheCheckboxes() throws Exception {
		ImageStack st = new ImageStack(256, 256);
		for (String n : new String[] {"field_00000.tif", "field_00006.tif"}) st.addSlice(n, IJ.openImage(sample(n)).getProcessor());
		Path stack = dir.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", st)).saveAsTiffStack(stack.toString());
		Xvfb.Run r = x.java(RecorderScenario.class.getName(), 300, stack.toString());
		assertEquals(0, r.code, r.output);
		assertEquals("0", Xvfb.value(r.output, "MISMATCHES"), r.output);
		// the Recorder writes ticked checkboxes only: the all-unticked line has none of them
		String first = r.output.lines().filter(l -> l.startsWith("RECORDED ")).findFirst().orElse("");
		for (String flag : new String[] {" stack", " roi", " plot", " cam_image"}) assertTrue(!(first + " ").contains(flag + " "), first);
		// the class chooser's entry is recorded as chosen and replays (top-1 is read as auto)
		assertTrue(first.contains("class=top-1"), first);
		assertEquals(16, r.output.lines().filter(l -> l.startsWith("REPLAY ")).count(), r.output);
	}

	@Test
	void classifyFolderMacroSavesAnnotatedTiffsAndCsv() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in")), out = Files.createDirectories(dir.resolve("out"));
		for (String n : new String[] {"field_00001.tif", "field_00004.tif", "field_00005.tif"}) Files.copy(Paths.get(sample(n)), in.resolve(n));
		Xvfb.Run r = x.java(MacroScenario.class.getName(), 180, Paths.get("plugins", "Classify_Folder.ijm").toString(),
			"input=" + in + " output=" + out);
		assertEquals(0, r.code, r.output);
		List<String> csv = Files.readAllLines(out.resolve("results.csv"));
		assertEquals(1 + 3 * 3, csv.size(), String.join("\n", csv));
		assertTrue(csv.get(1).contains("field_00001.tif") && csv.get(1).contains("apoptosis"), csv.get(1));
		ImagePlus saved = IJ.openImage(out.resolve("field_00005.tif").toString());
		assertNotNull(saved.getOverlay(), "the overlay is in the saved TIFF");
		assertTrue(saved.getOverlay().get(0) instanceof ImageRoi);
		assertTrue(saved.getOverlay().get(1).getName().startsWith("mitosis "));
	}

	@Test
	void aBatchMacroOverAFolderWithACorruptTiffFinishesAndRecordsTheError() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		Files.copy(Paths.get(sample("field_00001.tif")), in.resolve("a.tif"));
		// a TIFF header whose first directory is garbage, between two good images
		byte[] bad = new byte[600];
		byte[] head = {'I', 'I', 42, 0, 8, 0, 0, 0, (byte) 0xff, (byte) 0x7f};
		System.arraycopy(head, 0, bad, 0, head.length);
		for (int i = head.length; i < bad.length; i++) bad[i] = (byte) (i * 37);
		Files.write(in.resolve("b.tif"), bad);
		Files.copy(Paths.get(sample("field_00003.tif")), in.resolve("c.tif"));
		Path macro = Files.writeString(dir.resolve("batch.ijm"), "setBatchMode(true);\nrun(\"Batch Classify Folder...\", \"input=[" + in
			+ "] pattern=*.tif output=[" + out + "] model=[] top=2 device=cpu\");\nFile.saveString(getInfo(\"log\"), \"" + dir.resolve("log.txt") + "\");\n");
		Xvfb.Run r = x.java(MacroScenario.class.getName(), 180, macro.toString(), "");
		assertEquals(0, r.code, r.output);
		String log = Files.readString(dir.resolve("log.txt"));
		List<String> csv = Files.readAllLines(out.resolve("results.csv"));
		assertEquals(1 + 2 * 2, csv.size(), String.join("\n", csv));
		assertTrue(csv.get(1).startsWith("a.tif,") && csv.get(3).startsWith("c.tif,"), String.join("\n", csv));
		assertTrue(Files.exists(out.resolve("a.tif")) && Files.exists(out.resolve("c.tif")) && !Files.exists(out.resolve("b.tif")));
		List<String> errors = Files.readAllLines(out.resolve("errors.csv"));
		assertEquals(2, errors.size(), String.join("\n", errors));
		assertTrue(errors.get(1).startsWith("b.tif,"), errors.get(1));
		assertTrue(log.contains("2 classified, 0 already done, 1 failed of 3 files"), log);
		assertTrue(log.contains("b.tif: ") && log.contains("(skipped)"), log);
	}

	@Test
	void classifyStackMacroAnnotatesEverySlice() throws Exception {
		ImageStack st = new ImageStack(256, 256);
		for (String n : new String[] {"field_00000.tif", "field_00006.tif"}) st.addSlice(n, IJ.openImage(sample(n)).getProcessor());
		Path stack = dir.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", st)).saveAsTiffStack(stack.toString());
		Xvfb.Run r = x.java(MacroScenario.class.getName(), 120, Paths.get("plugins", "Classify_Stack.ijm").toString(), "", stack.toString());
		assertEquals(0, r.code, r.output);
		assertEquals("4", Xvfb.value(r.output, "OVERLAY"), "a CAM and a box per slice: " + r.output);
	}

	@Test
	void boxesGoToTheRoiManager() throws Exception {
		Xvfb.Run r = x.java(MacroScenario.class.getName(), 120, Paths.get("plugins", "CAM_Boxes_To_ROI_Manager.ijm").toString(), "",
			sample("field_00007.tif"));
		assertEquals(0, r.code, r.output);
		assertEquals("1", Xvfb.value(r.output, "ROIS"), r.output);
	}

	@Test
	void outlineGoesToTheRoiManagerOnScreenAndToTheOverlayInBatchMode() throws Exception {
		String run = "run(\"Classify Image...\", \"model=[] top=1 class=auto device=cpu roi outline legend\");\n";
		Path onScreen = Files.writeString(dir.resolve("screen.ijm"), run + "print(RoiManager.selected);\n");
		Xvfb.Run r = x.java(MacroScenario.class.getName(), 120, onScreen.toString(), "", sample("field_00007.tif"));
		assertEquals(0, r.code, r.output);
		assertEquals("1", Xvfb.value(r.output, "ROIS"), "the outline in the ROI Manager: " + r.output);
		assertEquals("6", Xvfb.value(r.output, "OVERLAY"), "CAM, box and the legend's bar, frame and two labels: " + r.output);
		Path batch = Files.writeString(dir.resolve("batch.ijm"), "setBatchMode(true);\n" + run
			+ "n = Overlay.size; outline = 0;\nfor (i = 0; i < n; i++) { Overlay.activateSelection(i); if (endsWith(Roi.getName, \" outline\")) outline++; }\n"
			+ "if (outline != 1) exit(\"outline in the overlay: \" + outline);\nsetBatchMode(\"exit and display\");\n");
		r = x.java(MacroScenario.class.getName(), 120, batch.toString(), "", sample("field_00007.tif"));
		assertEquals(0, r.code, r.output);
		assertEquals("0", Xvfb.value(r.output, "ROIS"), r.output);
	}

	@Test
	void boxesMacroPicksTheBoxesOnlyFromASavedTiffWithOutlineAndLegend() throws Exception {
		Path tif = dir.resolve("annotated.tif");
		Path boxes = Paths.get("plugins", "CAM_Boxes_To_ROI_Manager.ijm").toAbsolutePath();
		Path counts = dir.resolve("counts.txt");
		Path macro = Files.writeString(dir.resolve("saved.ijm"), "setBatchMode(true);\n"
			+ "run(\"Classify Image...\", \"model=[] top=1 class=auto device=cpu roi outline legend\");\n"
			+ "saveAs(\"Tiff\", \"" + tif + "\");\nclose();\nsetBatchMode(false);\nopen(\"" + tif + "\");\n"
			+ "File.saveString(\"\" + Overlay.size, \"" + counts + "\");\n"
			+ "runMacro(\"" + boxes + "\");\n");
		Xvfb.Run r = x.java(MacroScenario.class.getName(), 120, macro.toString(), "", sample("field_00007.tif"));
		assertEquals(0, r.code, r.output);
		assertEquals("7", Files.readString(counts), "CAM, box, outline and the legend's four parts after reopening the TIFF");
		assertEquals("1", Xvfb.value(r.output, "ROIS"), "the box only: " + r.output);
		assertEquals("2", Xvfb.value(r.output, "OVERLAY"), "the re-run replaced the class's overlay, box, outline and legend: " + r.output);
	}

	@Test
	void everyRoiOfTheRoiManagerGivesOneRowWithItsName() throws Exception {
		Path rows = dir.resolve("rows.txt");
		Path macro = Files.writeString(dir.resolve("rois.ijm"), "setBatchMode(true);\n"
			+ "makeRectangle(0, 0, 100, 256); roiManager(\"add\"); roiManager(\"select\", 0); roiManager(\"rename\", \"left cell\");\n"
			+ "makeOval(70, 60, 110, 110); roiManager(\"add\"); roiManager(\"select\", 1); roiManager(\"rename\", \"apoptotic\");\n"
			+ "makeRectangle(150, 150, 106, 106); roiManager(\"add\"); roiManager(\"select\", 2); roiManager(\"rename\", \"corner\");\n"
			+ "roiManager(\"deselect\"); run(\"Select None\");\n"
			+ "run(\"Classify Image...\", \"model=[] top=1 class=auto device=cpu roi rois\");\n"
			+ "s = \"\" + Table.size(\"Inception CAM\");\n"
			+ "for (i = 0; i < Table.size(\"Inception CAM\"); i++) s = s + \"|\" + Table.getString(\"roi\", i, \"Inception CAM\") + \"=\" + Table.getString(\"label\", i, \"Inception CAM\");\n"
			+ "File.saveString(s + \"|\" + roiManager(\"count\"), \"" + rows + "\");\n");
		Xvfb.Run r = x.java(MacroScenario.class.getName(), 120, macro.toString(), "", sample("field_00001.tif"));
		assertEquals(0, r.code, r.output);
		String[] got = Files.readString(rows).split("\\|");
		assertEquals("3", got[0], Files.readString(rows));
		assertTrue(got[1].startsWith("left cell="), got[1]);
		assertEquals("apoptotic=apoptosis", got[2]);
		assertTrue(got[3].startsWith("corner="), got[3]);
		assertEquals("6", Xvfb.value(r.output, "OVERLAY"), "a map and a box per ROI: " + r.output);
		assertEquals("3", got[4], "the (batch-mode) manager keeps its three ROIs");
	}

	@Test
	void aMacroErrorEndsTheMacroWithTheMessage() throws Exception {
		Path macro = Files.writeString(dir.resolve("bad.ijm"),
			"run(\"Classify Image...\", \"model=[/no/such/model.onnx] top=3 class=auto device=cpu\");\nprint(\"not reached\");\n");
		Xvfb.Run r = x.java(MacroScenario.class.getName(), 120, macro.toString(), "", sample("field_00002.tif"));
		assertEquals(1, r.code, r.output);
		assertTrue(Xvfb.value(r.output, "MACRO_ERROR").contains("no such file"), r.output);
		assertTrue(!r.output.contains("not reached"), r.output);
	}

	/** A test of one screen pixel's red, green and blue. */
	interface PixelTest {
		boolean test(int r, int g, int b);
	}

	/** The pixels of the screenshot inside the image canvas (the scenario's CANVAS x y w h) that pass the test. */
	private static int countInCanvas(Xvfb.Run r, File shot, PixelTest t) throws java.io.IOException {
		String[] c = Xvfb.value(r.output, "CANVAS").split(" ");
		int cx = Integer.parseInt(c[0]), cy = Integer.parseInt(c[1]), cw = Integer.parseInt(c[2]), ch = Integer.parseInt(c[3]);
		BufferedImage img = ImageIO.read(shot);
		int n = 0;
		for (int y = cy; y < cy + ch; y++) {
			for (int x0 = cx; x0 < cx + cw; x0++) {
				int p = img.getRGB(x0, y);
				if (t.test((p >> 16) & 255, (p >> 8) & 255, p & 255)) n++;
			}
		}
		return n;
	}
}
