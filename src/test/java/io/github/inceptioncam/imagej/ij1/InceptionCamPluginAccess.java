package io.github.inceptioncam.imagej.ij1;

/** Test access to the ImageJ 1.x plugin from other packages. */
public final class InceptionCamPluginAccess {
	private InceptionCamPluginAccess() {}

	/** Plugins > Inception CAM > Classify Image... as ImageJ runs it from plugins.config. */
	public static void classify() {
		new InceptionCamPlugin().run("classify");
	}
}
