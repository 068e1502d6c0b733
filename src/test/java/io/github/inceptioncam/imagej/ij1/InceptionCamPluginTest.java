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
import java.io.InputStream;
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
	void parsesBothRecorderStyles() {
		ImageClassifier.Settings s = InceptionCamPlugin.settings("model=[] top=3 class=mitosis device=cpu opacity=0.25 colormap=[3-3-2 RGB] stack roi=false cam_image=true");
		assertEquals("", s.model);
		assertEquals(3, s.top);
		assertEquals("mitosis", s.classSpec);
		assertEquals("cpu", s.device);
		assertEquals(0.25, s.opacity, 1e-12);
		assertEquals("3-3-2 RGB", s.colormap);
		assertTrue(s.allSlices);
		assertFalse(s.roi);
		assertTrue(s.camImage);
		ImageClassifier.Settings d = InceptionCamPlugin.settings("model=[/data/my model.onnx]");
		assertEquals("/data/my model.onnx", d.model);
		assertEquals(5, d.top, "absent keys keep the command's defaults");
		assertTrue(d.roi);
		assertThrows(IllegalArgumentException.class, () -> InceptionCamPlugin.settings("top=many"));
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
		assertEquals(5, ij1.size());
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
