package io.github.inceptioncam.imagej.gui;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.frame.RoiManager;
import io.github.inceptioncam.imagej.ij1.ImageJLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Child-JVM scenario: plain ImageJ 1.x (main window hidden) with our menu entries runs a macro file in
 * batch mode, the way a lab runs them overnight. Errors end the macro with their message (printed as
 * MACRO_ERROR), never a hang. Prints OVERLAY n for the current image and ROIS n for the ROI Manager.
 */
public final class MacroScenario {
	public static void main(String[] args) throws Exception {
		String macro = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
		String arg = args.length > 1 ? args[1] : "";
		List<String> images = new ArrayList<>();
		for (int i = 2; i < args.length; i++) images.add(args[i]);
		ImageJLauncher.launch(images, false);
		Interpreter in = new Interpreter();
		in.setIgnoreErrors(true);
		in.run(macro, arg);
		String err = in.getErrorMessage();
		if (err != null) System.out.println("MACRO_ERROR " + err.replaceAll("\\s+", " "));
		ImagePlus imp = WindowManager.getCurrentImage();
		System.out.println("OVERLAY " + (imp == null || imp.getOverlay() == null ? 0 : imp.getOverlay().size()));
		RoiManager rm = RoiManager.getInstance();
		System.out.println("ROIS " + (rm == null ? 0 : rm.getCount()));
		System.exit(err == null ? 0 : 1);
	}
}
