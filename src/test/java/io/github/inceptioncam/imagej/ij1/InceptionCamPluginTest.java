package io.github.inceptioncam.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.ImageRoi;
import ij.gui.Roi;
import io.github.inceptioncam.imagej.ImageClassifier;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ImageJ 1.x adapter: same keys as the SciJava command, in plain ImageJ without SciJava. */
class InceptionCamPluginTest {
	@AfterEach
	void clear() {
		WindowManager.setTempCurrentImage(null);
	}

	/** Runs the adapter the way a macro does: ImageJ hands options only to threads named "Run$_...". */
	static void runAsMacro(String command, String options, ImagePlus current) throws InterruptedException {
		Thread t = new Thread(() -> {
			if (current != null) WindowManager.setTempCurrentImage(current);
			Macro.setOptions(options);
			try {
				new InceptionCamPlugin().run(command);
			} finally {
				Macro.setOptions(null);
			}
		}, "Run$_test");
		t.start();
		t.join(120_000);
	}

	@Test
	void parsesMacroOptionsLikeGenericDialog() {
		List<String> warnings = new ArrayList<>();
		ImageClassifier.Settings s = InceptionCamPlugin.settings("model=[] top=3 class=mitosis device=cpu opacity=0.25 colormap=[3-3-2 RGB] stack roi=false cam_image=true", warnings::add);
		assertEquals("", s.model);
		assertEquals(3, s.top);
		assertEquals("mitosis", s.classSpec);
		assertEquals("cpu", s.device);
		assertEquals(0.25, s.opacity, 1e-12);
		assertEquals("3-3-2 RGB", s.colormap);
		assertTrue(s.allSlices);
		assertFalse(s.roi);
		assertTrue(s.camImage);
		assertFalse(s.plot);
		assertEquals(List.of(), warnings);
		ImageClassifier.Settings d = InceptionCamPlugin.settings("model=[/data/my model.onnx]", warnings::add);
		assertEquals("/data/my model.onnx", d.model);
		assertEquals(5, d.top, "absent fields keep the command's defaults");
		assertFalse(d.roi, "an absent checkbox is false, as in GenericDialog: the Recorder writes ticked checkboxes only");
		assertFalse(d.allSlices || d.camImage || d.plot);
		// the Recorder's own line: only the ticked checkbox is written
		ImageClassifier.Settings r = InceptionCamPlugin.settings("model=[] top=5 class=auto device=auto threads=0 opacity=0.50 colormap=Fire plot", warnings::add);
		assertTrue(r.plot);
		assertFalse(r.roi || r.allSlices || r.camImage);
		// a flag inside a bracketed value is not a flag
		assertFalse(InceptionCamPlugin.settings("model=[/data/roi plot.onnx]", warnings::add).roi);
		assertEquals(List.of(), warnings);
	}

	@Test
	void unknownKeysAndOutOfRangeValuesAreWarnedOnceBadValuesFailWithOneLine() {
		List<String> warnings = new ArrayList<>();
		ImageClassifier.Settings s = InceptionCamPlugin.settings("opacity=2 top=0 colour=Fire roi", warnings::add);
		assertEquals(3, warnings.size(), warnings.toString());
		assertTrue(warnings.get(0).startsWith("unknown key 'colour'"), warnings.get(0));
		assertTrue(warnings.get(0).contains("valid keys: model, top, class, device, threads, opacity, colormap, stack, cam_image, roi, plot, outline, legend"), warnings.get(0));
		assertTrue(warnings.contains("opacity must be between 0 and 1; opacity=2 taken as 1"), warnings.toString());
		assertTrue(warnings.contains("top must be at least 1; top=0 taken as 1"), warnings.toString());
		assertEquals(1.0, s.opacity, 0);
		assertEquals(1, s.top);
		assertTrue(s.roi);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InceptionCamPlugin.settings("top=many", warnings::add));
		assertEquals("top=many is not a number", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> InceptionCamPlugin.settings("device=tpu", warnings::add));
		assertEquals("device=tpu is not one of auto, cpu, gpu", e.getMessage());
		// keys are lower case, as ImageJ's dialogs record and read them: Top=3 and ROI are not top and roi
		warnings.clear();
		ImageClassifier.Settings upper = InceptionCamPlugin.settings("Top=3 ROI class=top-3", warnings::add);
		assertEquals(5, upper.top);
		assertFalse(upper.roi);
		assertEquals("top3", upper.classSpec, "the chooser's top-3 is top3");
		assertEquals(List.of("unknown key 'Top' (ignored): keys are lower case, write top", "unknown key 'ROI' (ignored): keys are lower case, write roi"), warnings);
		assertEquals("auto", InceptionCamPlugin.settings("class=top-1", warnings::add).classSpec);
		e = assertThrows(IllegalArgumentException.class, () -> InceptionCamPlugin.settings("roi=maybe", warnings::add));
		assertTrue(e.getMessage().startsWith("roi=maybe is not a checkbox value"), e.getMessage());
	}

	@Test
	void aMacroWithAnUnknownKeyRunsAndLogsOneLine() throws Exception {
		ImagePlus imp = IJ.openImage(Paths.get("sample-images", "field_00007.tif").toString());
		IJ.log("\\Clear");
		runAsMacro("classify", "model=[] top=2 device=cpu opacity=2 colour=Ice", imp);
		String log = IJ.getLog() == null ? "" : IJ.getLog();
		assertNotNull(imp.getOverlay(), "the macro ran");
		assertEquals(1, imp.getOverlay().size(), "no box: roi is absent, so false");
		assertEquals(1.0, ((ImageRoi) imp.getOverlay().get(0)).getOpacity(), 1e-9);
	}

	@Test
	void macroCallClassifiesTheCurrentImage() throws Exception {
		ImagePlus imp = IJ.openImage(Paths.get("sample-images", "field_00007.tif").toString());
		runAsMacro("classify", "model=[] top=2 class=mitosis device=cpu opacity=0.3 roi", imp);
		assertTrue(imp.getOverlay() != null && imp.getOverlay().size() >= 1, "CAM overlay");
		assertTrue(imp.getOverlay().get(0) instanceof ImageRoi);
		assertEquals(0.3, ((ImageRoi) imp.getOverlay().get(0)).getOpacity(), 1e-9);
		assertEquals("CAM mitosis", imp.getOverlay().get(0).getName(), "class=mitosis chose the CAM's class");
		assertEquals("cpu", imp.getProp("InceptionCAM.device"));
	}

	@Test
	void pluginsConfigAndSciJavaCommandsShareEveryMenuPath() throws Exception {
		String index;
		try (InputStream in = InceptionCamPlugin.class.getResourceAsStream("/META-INF/json/org.scijava.plugin.Plugin")) {
			index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		java.util.Set<String> scijava = new java.util.TreeSet<>();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"menuPath\":\"([^\"]+)\"").matcher(index);
		while (m.find()) scijava.add(m.group(1));
		java.util.Set<String> ij1 = new java.util.TreeSet<>();
		for (String[] e : ImageJLauncher.entries()) {
			ij1.add(e[0]);
			assertTrue(e[1].startsWith(InceptionCamPlugin.class.getName() + "(\""), e[1]);
		}
		assertEquals(scijava, ij1);
		assertEquals(6, ij1.size());
	}

	@Test
	void batchThroughTheAdapter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Path in = java.nio.file.Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		java.nio.file.Files.copy(Paths.get("sample-images", "field_00000.tif"), in.resolve("a.tif"));
		runAsMacro("batch", "input=[" + in + "] pattern=*.tif output=[" + out + "] model=[] top=1 device=cpu", null);
		java.util.List<String> csv = java.nio.file.Files.readAllLines(out.resolve("results.csv"));
		assertEquals(2, csv.size());
		assertTrue(csv.get(1).startsWith("a.tif,1,3,binucleated,"), csv.get(1));
		assertTrue(java.nio.file.Files.exists(out.resolve("a.tif")));
	}
}
