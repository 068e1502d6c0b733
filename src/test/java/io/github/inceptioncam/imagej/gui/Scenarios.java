package io.github.inceptioncam.imagej.gui;

import ij.ImagePlus;
import ij.WindowManager;
import io.github.inceptioncam.imagej.ij1.ImageJLauncher;
import java.util.List;

/** What the child-JVM GUI scenarios share: ImageJ started with one image, and an exit that always comes. */
final class Scenarios {
	/** A scenario's body. */
	interface Body {
		void run(String[] args) throws Exception;
	}

	private Scenarios() {}

	/** Starts ImageJ 1.x with our menu entries and the image open; returns it once its window shows (up to 10 s). */
	static ImagePlus launchWithImage(String path) throws Exception {
		ImageJLauncher.launch(List.of(path));
		ImagePlus imp = null;
		for (int i = 0; i < 100 && (imp == null || imp.getWindow() == null || !imp.getWindow().isShowing()); i++) {
			Thread.sleep(100);
			imp = WindowManager.getCurrentImage();
		}
		return imp;
	}

	/**
	 * Runs the body and exits the JVM, 1 on any failure (printed to stdout for the test to show): a modal
	 * dialog or window left open would otherwise keep the child JVM alive.
	 */
	static void runAndExit(Body body, String[] args) {
		int code = 0;
		try {
			body.run(args);
		} catch (Throwable t) {
			t.printStackTrace(System.out);
			code = 1;
		}
		System.exit(code);
	}
}
