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
		Macro.setOptions(null);
		WindowManager.setTempCurrentImage(null);
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
	void macroCallClassifiesTheCurrentImage() {
		ImagePlus imp = IJ.openImage(Paths.get("sample-images", "field_00007.tif").toString());
		WindowManager.setTempCurrentImage(imp);
		Macro.setOptions("model=[] top=2 class=auto device=cpu roi");
		new InceptionCamPlugin().run("classify");
		assertTrue(imp.getOverlay() != null && imp.getOverlay().size() == 2, "overlay and box");
		assertTrue(imp.getOverlay().get(0) instanceof ImageRoi);
		Roi box = imp.getOverlay().get(1);
		assertTrue(box.getName().startsWith("binucleated "), box.getName());
		assertEquals("cpu", imp.getProp("InceptionCAM.device"));
	}

	@Test
	void pluginsConfigUsesTheSciJavaLabels() throws Exception {
		String cfg;
		try (InputStream in = InceptionCamPlugin.class.getResourceAsStream("/plugins.config")) {
			cfg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertTrue(cfg.contains("Plugins>Inception CAM, \"" + InceptionCamPlugin.label() + "\", " + InceptionCamPlugin.class.getName() + "(\"classify\")"), cfg);
		assertTrue(cfg.contains("\"Check GPU...\""), cfg);
	}
}
