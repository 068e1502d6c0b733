package io.github.inceptioncam.imagej;

import ij.IJ;

/** Where the dialogs' Help buttons lead: the Fiji section of the README (commands, macro keys, examples). */
public final class Help {
	/** The documentation of the Fiji and ImageJ commands. */
	public static final String URL = "https://github.com/inception-cam/inception-cam/blob/main/README.md#fiji-and-imagej";

	private Help() {}

	/** Opens {@link #URL} in the browser (ImageJ's own launcher); a failure is one line in the log. */
	public static void open() {
		try {
			ij.plugin.BrowserLauncher.openURL(URL);
		} catch (java.io.IOException | RuntimeException e) {
			IJ.log("Inception CAM: cannot open a browser (" + e.getMessage() + "); the documentation is at " + URL);
		}
	}
}
