package io.github.inceptioncam.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ImageConverter;
import ij.process.ImageProcessor;
import io.github.inceptioncam.image.ImageInputs;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.DeviceChoice;
import io.github.inceptioncam.inference.EngineCache;
import java.awt.Rectangle;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;

/** The SciJava commands run through a real Context on real ImagePlus inputs. */
class ImageJCommandsTest extends CommandsInContext {
	static ImagePlus sample(String name) {
		return IJ.openImage(Paths.get("sample-images", name).toString());
	}

	static byte[] hash(ImagePlus imp) throws Exception {
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		ImageStack st = imp.getStack();
		for (int i = 1; i <= st.getSize(); i++) {
			ImageProcessor ip = st.getProcessor(i);
			for (int p = 0; p < ip.getPixelCount(); p++) {
				int v = Float.floatToIntBits(ip.getf(p));
				md.update(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
			}
		}
		return md.digest();
	}

	/** Classify Image... with the box as a ROI unless the inputs say otherwise. */
	static ClassifierCommand classify(ImagePlus imp, Object... extra) throws Exception {
		return classifyImage(imp, concat(new Object[] {"roi", true}, extra));
	}

	static List<Roi> rois(ImagePlus imp, Class<?> type) {
		List<Roi> out = new ArrayList<>();
		for (Roi r : imp.getOverlay().toArray()) if (type.isInstance(r) && (type != Roi.class || !(r instanceof ImageRoi))) out.add(r);
		return out;
	}

	@Test
	void annotationIndexListsEveryCommandWithItsMenuPath() throws Exception {
		String index;
		try (InputStream in = ClassifyImageCommand.class.getResourceAsStream("/META-INF/json/org.scijava.plugin.Plugin")) {
			assertNotNull(in, "annotation index missing");
			index = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		for (String menu : new String[] {ClassifyImageCommand.MENU, ModelInfoCommand.MENU, CheckGpuCommand.MENU, InstallGpuCommand.MENU, SampleFieldCommand.MENU}) {
			assertTrue(index.contains("\"menuPath\":\"" + menu + "\""), menu + " in " + index);
		}
		assertTrue(index.contains("\"headless\":true"));
	}

	@Test
	void sixteenBitImageGetsOverlayRoiRowsAndAnUnchangedImage() throws Exception {
		ImagePlus imp = sample("field_00003.tif"); // mitosis
		byte[] before = hash(imp);
		ResultsTable.getResultsTable(CamAnnotator.TABLE);
		ClassifierCommand m = classify(imp, "top", 3, "cam_image", true);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertArrayEquals(before, hash(imp), "pixels must not change");
		Overlay o = imp.getOverlay();
		assertNotNull(o);
		assertEquals(1, rois(imp, ImageRoi.class).size());
		List<Roi> boxes = rois(imp, Roi.class);
		assertEquals(1, boxes.size());
		assertTrue(boxes.get(0).getName().startsWith("mitosis 0."), boxes.get(0).getName());
		ResultsTable rt = (ResultsTable) m.getOutput("table");
		assertTrue(rt.size() >= 3);
		assertEquals("mitosis", rt.getStringValue("label", rt.size() - 3));
		assertEquals("cpu", rt.getStringValue("device", rt.size() - 1));
		assertEquals("built-in:inception-cam-demo.onnx", imp.getProp("InceptionCAM.model"));
		assertEquals(64, imp.getProp("InceptionCAM.model_sha256").length());
		// the 32-bit CAM image equals the core engine's upsampled map, with the calibration kept
		ImagePlus cam = (ImagePlus) m.getOutput("camimage");
		assertEquals(32, cam.getBitDepth());
		assertEquals(imp.getCalibration().pixelWidth, cam.getCalibration().pixelWidth, 1e-12);
		CamEngine e = EngineCache.get(null, DeviceChoice.CPU, null);
		try (CamSession s = e.newSession(1)) {
			Classification c = s.classify(ImageInputs.fromImagePlus(sample("field_00003.tif"), "x"), new ClassifyOptions());
			double[] up = c.cam().upsampled();
			float[] px = (float[]) cam.getProcessor().getPixels();
			for (int i = 0; i < px.length; i++) assertEquals(up[i], px[i], 1e-5 * Math.max(1, Math.abs(up[i])));
			int[] b = c.cam().box();
			assertEquals(new Rectangle(b[0], b[1], b[2], b[3]), boxes.get(0).getBounds());
		}
	}

	@Test
	void selectionCropsAndOffsetsTheOverlayAndBox() throws Exception {
		ImagePlus imp = sample("field_00001.tif"); // apoptosis at about (120, 110)
		imp.setRoi(new Roi(64, 48, 160, 150));
		byte[] before = hash(imp);
		ClassifierCommand m = classify(imp);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertArrayEquals(before, hash(imp));
		ImageRoi overlay = (ImageRoi) rois(imp, ImageRoi.class).get(0);
		assertEquals(new Rectangle(64, 48, 160, 150), overlay.getBounds());
		Rectangle box = rois(imp, Roi.class).get(0).getBounds();
		assertTrue(new Rectangle(64, 48, 160, 150).contains(box), box.toString());
		assertTrue(box.contains(128, 120), "box on the apoptotic cell: " + box);
	}

	@Test
	void eightBitAndRgbInputsWork() throws Exception {
		ImagePlus grey = sample("field_00006.tif");
		new ImageConverter(grey).convertToGray8();
		ImagePlus rgb = grey.duplicate();
		new ImageConverter(rgb).convertToRGB();
		for (ImagePlus imp : new ImagePlus[] {grey, rgb}) {
			byte[] before = hash(imp);
			ClassifierCommand m = classify(imp, "colormap", "Ice", "opacity", 0.7);
			assertFalse(m.isCanceled(), m.getCancelReason());
			assertArrayEquals(before, hash(imp));
			ResultsTable rt = (ResultsTable) m.getOutput("table");
			assertEquals("apoptosis", rt.getStringValue("label", rt.size() - 4), imp.getBitDepth() + "-bit");
			ImageRoi o = (ImageRoi) rois(imp, ImageRoi.class).get(0);
			assertEquals(0.7, o.getOpacity(), 1e-9);
		}
	}

	@Test
	void everySliceOfAStackIsClassifiedAndTiedToItsSlice() throws Exception {
		ImageStack st = new ImageStack(256, 256);
		String[] names = {"field_00000.tif", "field_00002.tif", "field_00005.tif"};
		for (String n : names) st.addSlice(n, sample(n).getProcessor());
		ImagePlus imp = new ImagePlus("stack", st);
		ClassifierCommand m = classify(imp, "stack", true, "top", 1);
		assertFalse(m.isCanceled(), m.getCancelReason());
		ResultsTable rt = (ResultsTable) m.getOutput("table");
		String[] expected = {"binucleated", "interphase", "mitosis"};
		for (int i = 0; i < 3; i++) {
			assertEquals(expected[i], rt.getStringValue("label", rt.size() - 3 + i));
			assertEquals(i + 1, (int) rt.getValue("slice", rt.size() - 3 + i));
		}
		List<Roi> overlays = rois(imp, ImageRoi.class);
		assertEquals(3, overlays.size());
		for (int i = 0; i < 3; i++) assertEquals(i + 1, overlays.get(i).getPosition());
	}

	@Test
	void badModelCancelsWithTheMessage() throws Exception {
		ImagePlus imp = sample("field_00002.tif");
		ClassifierCommand m = classify(imp, "model", "/no/such/model.onnx");
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("no such file"), m.getCancelReason());
		assertNull(imp.getOverlay() == null ? null : imp.getOverlay().size() == 0 ? null : "overlay");
	}

	@Test
	void modelInfoAndCheckGpu() throws Exception {
		CommandModule info = commands.run(ModelInfoCommand.class, true, "model", "").get();
		ResultsTable rt = (ResultsTable) info.getOutput("table");
		// first what the model is for, its input and pixel size, and that the built-in one is a demo
		assertEquals(List.of("purpose", "input size", "pixel size", "training", "model"),
			List.of(rt.getStringValue("item", 0), rt.getStringValue("item", 1), rt.getStringValue("item", 2), rt.getStringValue("item", 3), rt.getStringValue("item", 4)));
		assertTrue(rt.getStringValue("value", 0).startsWith("demo: classifies synthetic widefield fields of stained nuclei (interphase, mitosis, apoptosis, binucleated)"),
			rt.getStringValue("value", 0));
		assertTrue(rt.getStringValue("value", 1).startsWith("256 x 256 pixels, 1 channel"), rt.getStringValue("value", 1));
		assertTrue(rt.getStringValue("value", 2).startsWith("0.325 \u00B5m per pixel"), rt.getStringValue("value", 2));
		assertTrue(rt.getStringValue("value", 3).startsWith("trained on synthetic data: demo only"), rt.getStringValue("value", 3));
		assertEquals("built-in:inception-cam-demo.onnx", rt.getStringValue("value", 4));
		boolean sawTotal = false;
		for (int i = 0; i < rt.size(); i++) {
			if (rt.getStringValue("item", i).equals("total MACs")) {
				assertEquals("166461952", rt.getStringValue("value", i));
				sawTotal = true;
			}
		}
		assertTrue(sawTotal);
		CommandModule gpu = commands.run(CheckGpuCommand.class, true).get();
		String report = (String) gpu.getOutput("report");
		assertTrue(report.contains("NVIDIA driver:"), report);
		assertTrue(report.contains("device auto would use: "), report);
		assertTrue(report.contains("GPU pack: "), report);
		assertTrue(report.contains("providers: CPU"), report);
	}

	@Test
	void installGpuSupportInstallsThePackAndAsksForARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Path jar = io.github.inceptioncam.testing.FakeGpuJar.write(dir.resolve("onnxruntime_gpu.jar"));
		InstallGpuCommand ok = new InstallGpuCommand();
		context.inject(ok);
		ok.home = dir.resolve("home");
		ok.from = jar.toFile();
		ok.run();
		assertFalse(ok.isCanceled(), ok.getCancelReason());
		assertTrue(ok.result.startsWith("installed the GPU pack "), ok.result);
		assertTrue(ok.result.endsWith("Restart Fiji to activate it (ONNX Runtime's native libraries cannot be swapped in a running Fiji)"), ok.result);
		assertTrue(java.nio.file.Files.isRegularFile(io.github.inceptioncam.inference.GpuPack.at(ok.home).folder().resolve("pack.json")));

		InstallGpuCommand bad = new InstallGpuCommand();
		context.inject(bad);
		bad.home = dir.resolve("home2");
		bad.from = dir.resolve("missing.jar").toFile();
		bad.run();
		assertTrue(bad.isCanceled());
		assertEquals("cannot read " + dir.resolve("missing.jar") + ": no such file", bad.getCancelReason());
		assertFalse(java.nio.file.Files.exists(dir.resolve("home2").resolve("gpu")));
	}

	@Test
	void reRunsReplaceTheClassOverlayAndTheOutlineGoesToTheOverlayHeadless() throws Exception {
		ImagePlus imp = sample("field_00003.tif"); // mitosis
		for (int run = 0; run < 3; run++) assertFalse(classify(imp, "top", 1, "outline", run == 2).isCanceled());
		List<String> names = new ArrayList<>();
		for (Roi r : imp.getOverlay().toArray()) names.add(r.getName());
		assertEquals(3, names.size(), names.toString());
		assertEquals("CAM mitosis", names.get(0));
		assertEquals("CAM mitosis outline", names.get(1));
		assertTrue(names.get(2).matches("mitosis 0\\.\\d\\d"), names.toString());
		Roi outline = imp.getOverlay().get(1);
		Rectangle box = imp.getOverlay().get(2).getBounds();
		assertTrue(box.contains(outline.getBounds()) || box.intersects(outline.getBounds()), outline.getBounds() + " vs box " + box);
		// a legend run adds the bar and its labels, and a re-run replaces them
		for (int run = 0; run < 2; run++) assertFalse(classify(imp, "top", 1, "legend", true).isCanceled());
		long legend = Arrays.stream(imp.getOverlay().toArray()).filter(r -> "CAM mitosis legend".equals(r.getName())).count();
		assertEquals(4, legend, "bar, frame and two labels, once");
		// another class keeps its own overlay beside this one
		assertFalse(classify(imp, "top", 1, "Class", "interphase").isCanceled());
		List<String> after = new ArrayList<>();
		for (Roi r : imp.getOverlay().toArray()) after.add(r.getName());
		assertTrue(after.contains("CAM mitosis") && after.contains("CAM interphase"), after.toString());
	}

	@Test
	void everyColormapMasksTheOverlayByTheMapAndTheViridisFamilyIsOffered() throws Exception {
		java.lang.reflect.Field f = ClassifierCommand.class.getDeclaredField("colormap");
		assertEquals(Arrays.asList(CamAnnotator.COLORMAPS), Arrays.asList(f.getAnnotation(org.scijava.plugin.Parameter.class).choices()));
		assertTrue(Arrays.asList(CamAnnotator.COLORMAPS).containsAll(List.of("Fire", "Ice", "Spectrum", "Grays", "viridis", "magma", "inferno", "plasma")));
		java.awt.image.IndexColorModel v = CamAnnotator.lut("viridis");
		assertEquals(0x440154, v.getRGB(0) & 0xffffff);
		assertEquals(0xfde725, v.getRGB(255) & 0xffffff);
		assertEquals(v.getRGB(128), CamAnnotator.lut("mpl-viridis").getRGB(128));
		assertEquals(0xfcffa4, CamAnnotator.lut("inferno").getRGB(255) & 0xffffff);
		assertEquals(0xf0f921, CamAnnotator.lut("plasma").getRGB(255) & 0xffffff);
		assertEquals(0xfcfdbf, CamAnnotator.lut("magma").getRGB(255) & 0xffffff);
		CamEngine e = EngineCache.get(null, DeviceChoice.CPU, null);
		Classification c;
		try (CamSession s = e.newSession(1)) {
			c = s.classify(ImageInputs.fromImagePlus(sample("field_00003.tif"), "x"), new ClassifyOptions());
		}
		float[] d = c.cam().display();
		for (String lut : CamAnnotator.COLORMAPS) {
			ImageRoi o = CamAnnotator.overlay(c.cam(), new Rectangle(0, 0, 256, 256), lut, 0.5);
			ImageProcessor ip = o.getProcessor();
			int zero = 0;
			for (int i = 0; i < d.length; i++) {
				int rgb = ip.get(i) & 0xffffff;
				if (d[i] > 0) assertTrue(rgb != 0, lut + ": a map pixel must stay visible");
				else {
					assertEquals(0, rgb, lut + ": a zero-map pixel must be transparent");
					zero++;
				}
			}
			assertTrue(zero > 0);
			assertTrue(o.getZeroTransparent(), lut);
		}
	}

	@Test
	void everyInputOfEveryCommandExplainsItself() {
		for (Class<?> c : List.of(ClassifierCommand.class, ClassifyImageCommand.class, BatchClassifyCommand.class, ModelInfoCommand.class, InstallGpuCommand.class)) {
			for (java.lang.reflect.Field f : c.getDeclaredFields()) {
				org.scijava.plugin.Parameter p = f.getAnnotation(org.scijava.plugin.Parameter.class);
				if (p == null || p.type() != org.scijava.ItemIO.INPUT || org.scijava.service.Service.class.isAssignableFrom(f.getType())) continue;
				assertFalse(p.description().isBlank(), c.getSimpleName() + "." + f.getName() + " has no description");
				assertFalse(p.persist(), c.getSimpleName() + "." + f.getName() + ": persisted values would leak into macros that leave the key out");
			}
		}
	}

	@Test
	void theClassChooserListsTheModelsLabelsAndFollowsTheModel(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		org.scijava.module.ModuleService ms = context.service(org.scijava.module.ModuleService.class);
		org.scijava.module.Module m = ms.createModule(commands.getCommand(ClassifyImageCommand.class));
		m.initialize();
		org.scijava.module.ModuleItem<String> item = m.getInfo().getInput("Class", String.class);
		assertEquals(List.of("top-1", "top-3", "all", "interphase", "mitosis", "apoptosis", "binucleated"), item.getChoices());
		assertEquals("top-1", m.getInput("Class"), "the chooser shows the default auto as top-1");
		// another model in the model field: its labels (the callback of the model input)
		Path p = io.github.inceptioncam.testing.TestModels.build(io.github.inceptioncam.testing.TestModels.Head.GEMM_TORCH, 1).write(dir.resolve("m.onnx"));
		Files.write(dir.resolve("labels.txt"), "cat\ndog\nfox\nowl\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		m.setInput("model", p.toFile());
		((ClassifierCommand) m).updateClassChoices();
		assertEquals(List.of("top-1", "top-3", "all", "cat", "dog", "fox", "owl"), item.getChoices());
		// a path that is not a model (yet): the fixed entries only, no error
		m.setInput("model", dir.resolve("typing.on").toFile());
		((ClassifierCommand) m).updateClassChoices();
		assertEquals(List.of("top-1", "top-3", "all"), item.getChoices());
		assertEquals(List.of("top-1", "top-3", "all"), ClassChoices.forModel(dir.resolve("m.json").toString()));
	}

	@Test
	void chooserEntriesTopOneAndTopThreeAreAutoAndTop3() throws Exception {
		assertEquals("auto", ClassChoices.toSpec("top-1"));
		assertEquals("top3", ClassChoices.toSpec("top-3"));
		assertEquals("mitosis", ClassChoices.toSpec("mitosis"));
		assertEquals("2,5", ClassChoices.toSpec("2,5"));
		ImagePlus imp = sample("field_00003.tif"); // mitosis
		ClassifierCommand one = classify(imp, "Class", "top-1", "roi", false);
		assertFalse(one.isCanceled(), one.getCancelReason());
		assertEquals(List.of("CAM mitosis"), names(imp));
		imp.setOverlay(null);
		ClassifierCommand three = classify(imp, "Class", "top-3", "roi", false, "cam_image", true);
		assertFalse(three.isCanceled(), three.getCancelReason());
		// the overlay shows the first requested class, the CAM image holds all three
		assertEquals(List.of("CAM mitosis"), names(imp));
		ImagePlus cams = (ImagePlus) three.getOutput("camimage");
		assertEquals(3, cams.getStackSize(), "a labelled CAM stack, one slice per class");
		assertTrue(cams.getStack().getSliceLabel(1).contains("mitosis"), cams.getStack().getSliceLabel(1));
	}

	@Test
	void allClassesOfAManyClassModelMakeAVirtualCamStackWithoutGigabytes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		// 600 classes (pooling -> linear) on a 512x512 image: 600 slices of 1 MB, so the stack is made slice by slice
		java.util.Random rnd = new java.util.Random(21);
		io.github.inceptioncam.testing.OnnxBuilder b = new io.github.inceptioncam.testing.OnnxBuilder();
		b.input("x", 1, 3, 16, 16);
		b.randomInit("cw", rnd, 0.5, 8, 3, 1, 1);
		b.node("Conv", new String[] {"x", "cw"}, new String[] {"c"}, "kernel_shape", new long[] {1, 1});
		b.node("Relu", "c", "feat");
		b.node("GlobalAveragePool", "feat", "pool");
		b.node("Flatten", "pool", "flat");
		b.randomInit("w", rnd, 1.0, 600, 8);
		b.randomInit("bias", rnd, 0.1, 600);
		b.node("Gemm", new String[] {"flat", "w", "bias"}, new String[] {"y"}, "transB", 1L);
		b.output("y");
		Path model = b.write(dir.resolve("many.onnx"));
		ImagePlus imp = IJ.createImage("many", "8-bit ramp", 512, 512, 1);
		ClassifierCommand all = classify(imp, "model", model.toFile(), "Class", "all", "roi", false, "cam_image", true);
		assertFalse(all.isCanceled(), all.getCancelReason());
		ImagePlus cams = (ImagePlus) all.getOutput("camimage");
		assertEquals(600, cams.getStackSize(), "one slice per class");
		assertTrue(cams.getStack().isVirtual(), "600 MB of slices (more than the tests' 512 MB heap) are made when shown, not held");
		assertEquals(512, cams.getWidth());
		// each slice is the class's map as a small stack would hold it: the first, one in the middle, the last
		CamEngine e = EngineCache.get(model, DeviceChoice.CPU, null);
		try (CamSession session = e.newSession(1)) {
			Classification c = session.classify(ImageInputs.fromImagePlus(imp, "x"), new ClassifyOptions().classSpec("all"));
			assertEquals(600, c.cams().size());
			for (int k : new int[] {0, 299, 599}) {
				io.github.inceptioncam.inference.CamResult cr = c.cams().get(k);
				assertEquals(cr.label(), cams.getStack().getSliceLabel(k + 1));
				float[] want = (float[]) CamAnnotator.camImage(cr, null, "").getProcessor().getPixels();
				assertArrayEquals(want, (float[]) cams.getStack().getProcessor(k + 1).getPixels(), "slice " + (k + 1));
			}
		}
		// saved as TIFF (as Batch Classify Folder saves it) every slice is written and reads back the same
		Path tif = dir.resolve("cams.tif");
		assertTrue(new ij.io.FileSaver(cams).saveAsTiff(tif.toString()));
		ImagePlus back = IJ.openVirtual(tif.toString()); // 600 MB: more than this test's heap holds
		assertEquals(600, back.getStackSize());
		assertEquals(cams.getStack().getSliceLabel(300), back.getStack().getSliceLabel(300));
		assertArrayEquals((float[]) cams.getStack().getProcessor(300).getPixels(), (float[]) back.getStack().getProcessor(300).getPixels());
		// a few classes keep an ordinary stack
		ClassifierCommand three = classify(imp, "model", model.toFile(), "Class", "top-3", "roi", false, "cam_image", true);
		ImagePlus small = (ImagePlus) three.getOutput("camimage");
		assertEquals(3, small.getStackSize());
		assertFalse(small.getStack().isVirtual());
	}

	private static List<String> names(ImagePlus imp) {
		List<String> out = new ArrayList<>();
		if (imp.getOverlay() != null) for (Roi r : imp.getOverlay().toArray()) out.add(r.getName());
		return out;
	}

	@Test
	void sampleFieldIsTheDocumentedSampleDataSetOnePerClassAndTheBuiltInModelGetsEachRight() throws Exception {
		CommandModule m = commands.run(SampleFieldCommand.class, true).get();
		ImagePlus field = (ImagePlus) m.getOutput("field");
		assertEquals(4, field.getStackSize());
		assertEquals(0.325, field.getCalibration().pixelWidth, 1e-12);
		String[] expected = {"binucleated", "apoptosis", "interphase", "mitosis"};
		for (int i = 1; i <= 4; i++) {
			// the same pixels as sample-images/field_0000(i-1).tif (generate --seed 31337)
			ImagePlus file = sample(String.format("field_%05d.tif", i - 1));
			assertArrayEquals((short[]) file.getProcessor().getPixels(), (short[]) field.getStack().getProcessor(i).getPixels(), "slice " + i);
			assertTrue(field.getStack().getSliceLabel(i).startsWith(expected[i - 1] + " "), field.getStack().getSliceLabel(i));
		}
		ClassifierCommand c = classify(field, "stack", true, "top", 1);
		assertFalse(c.isCanceled(), c.getCancelReason());
		ResultsTable rt = (ResultsTable) c.getOutput("table");
		for (int i = 0; i < 4; i++) assertEquals(expected[i], rt.getStringValue("label", rt.size() - 4 + i));
	}

	@Test
	void rememberedValuesNeverReachAHeadlessRunAndTheStoreRoundTrips() throws Exception {
		SettingsStore store = new SettingsStore("classify");
		try {
			// values a dialog remembered: a run without a dialog (headless here) keeps the defaults
			store.set("top", 2);
			store.set("opacity", 0.3);
			ImagePlus imp = sample("field_00003.tif");
			ClassifierCommand m = classify(imp);
			assertFalse(m.isCanceled(), m.getCancelReason());
			assertEquals(5, m.getInput("top"));
			assertEquals(0.5, (Double) m.getInput("opacity"), 0);
			assertEquals(0.5, ((ImageRoi) rois(imp, ImageRoi.class).get(0)).getOpacity(), 1e-9);
		} finally {
			store.set("top", "");
			store.set("opacity", "");
		}
		assertNull(store.get("top", int.class), "empty text is nothing remembered");
		store.set("top", "many");
		assertNull(store.get("top", int.class), "text that does not convert is nothing remembered");
		store.set("top", "");
		// the ImageJ 1.x dialogs' settings round-trip through ImageJ's preferences, showTable excepted
		SettingsStore ij1 = new SettingsStore("ij1.test");
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.top = 7;
		s.classSpec = "mitosis";
		s.opacity = 0.25;
		s.roi = true;
		s.colormap = "Ice";
		s.showTable = false;
		ij1.save(s);
		ImageClassifier.Settings back = ij1.load(new ImageClassifier.Settings());
		assertEquals(7, back.top);
		assertEquals("mitosis", back.classSpec);
		assertEquals(0.25, back.opacity, 0);
		assertTrue(back.roi);
		assertEquals("Ice", back.colormap);
		assertTrue(back.showTable);
		assertEquals("7", ij.Prefs.get(SettingsStore.PREFIX + "ij1.test.top", null), "kept under our own key prefix");
	}

	@Test
	void modelInfoOfAUserModelSaysWhatItKnowsAndTheModelIsAFileWidget(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		Path p = io.github.inceptioncam.testing.TestModels.build(io.github.inceptioncam.testing.TestModels.Head.GEMM_TORCH, 1).write(dir.resolve("m.onnx"));
		CommandModule info = commands.run(ModelInfoCommand.class, true, "model", p.toString()).get();
		assertFalse(info.isCanceled(), info.getCancelReason());
		ResultsTable rt = (ResultsTable) info.getOutput("table");
		assertTrue(rt.getStringValue("value", 0).startsWith("image classification into 4 classes"), rt.getStringValue("value", 0));
		assertEquals("32 x 24 pixels, 3 channels (larger images are resized to it)", rt.getStringValue("value", 1));
		assertEquals("not recorded by the model: use images at the pixel size it was trained on", rt.getStringValue("value", 2));
		assertEquals("see the model's own documentation", rt.getStringValue("value", 3));
		org.scijava.plugin.Parameter param = ModelInfoCommand.class.getDeclaredField("model").getAnnotation(org.scijava.plugin.Parameter.class);
		assertEquals(java.io.File.class, ModelInfoCommand.class.getDeclaredField("model").getType());
		assertEquals(org.scijava.widget.FileWidget.OPEN_STYLE, param.style());
	}
}
